using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;

/// <summary>Engine tiles (the default) for the wave equation: both levels are snapshotted from the tiles, the picture shows the current one.</summary>
internal static class TiledWaveSimulation
{
    public static TiledSimulation Start(StencilOptions options)
    {
        WaveEquation3D equation = WaveSetup.Equation(options);
        float[] current = WaveSetup.InitialField(options.Size);
        float[] previous = (float[])current.Clone(); // at rest: no initial velocity
        var host = new TileActorHost("wave3d", options.Backend);
        TiledWave3D tiled = TiledWave3D.StartAsync(host.System, host.Backend, equation, options.Tiles, options.Halo, previous, current, TileActorHost.EngineOptions(options.Checkpoints)).GetAwaiter().GetResult();
        return new TiledSimulation(host, tiled.Engine, options)
        {
            Description = equation.ToString(),
            CellsPerStep = equation.Size.CellCount,
            Snapshot = () =>
            {
                tiled.SnapshotAsync(previous, current).GetAwaiter().GetResult();
                return WaveSetup.Picture(current, equation.Size);
            },
        };
    }
}
