using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;

/// <summary>Engine tiles (the default) for the heat equation: the whole field is one array, snapshotted from the tiles for the picture.</summary>
internal static class TiledHeatSimulation
{
    public static TiledSimulation Start(StencilOptions options)
    {
        HeatEquation2D equation = HeatSetup.Equation(options);
        float[] field = HeatSetup.InitialField(options.Size);
        var host = new TileActorHost("heat-diffusion", options.Backend);
        TiledHeat2D tiled = TiledHeat2D.StartAsync(host.System, host.Backend, equation, options.Tiles, options.Halo, field, TileActorHost.EngineOptions(options.Checkpoints)).GetAwaiter().GetResult();
        return new TiledSimulation(host, tiled.Engine, options)
        {
            Description = equation.ToString(),
            CellsPerStep = equation.Size.CellCount,
            Snapshot = () =>
            {
                tiled.SnapshotAsync(field).GetAwaiter().GetResult();
                return HeatSetup.Picture(field, equation.Size);
            },
        };
    }
}
