using Akka.Actor;

namespace RingKernel.Stencils.Halo;

/// <summary>
/// A <see cref="WaveEquation3D"/> simulation cut into tiles, each a kernel actor whose ring kernel exchanges halos
/// over K2K (see <see cref="TiledStencilEngine"/>); bit-identical to <see cref="WaveReference3D"/>
/// for every tiling, halo width and boundary.
/// </summary>
public sealed class TiledWave3D : IAsyncDisposable
{
    private readonly float[] _previous;
    private readonly float[] _current;

    private TiledWave3D(float[] previous, float[] current, TiledStencilEngine engine)
    {
        _previous = previous;
        _current = current;
        Engine = engine;
    }

    public TiledStencilEngine Engine { get; }

    /// <summary>Starts the tile kernel actors of <paramref name="grid"/> in <paramref name="system"/>, their kernels on <paramref name="backend"/>, from the two levels given (copied).</summary>
    public static async Task<TiledWave3D> StartAsync(ActorSystem system, ITiledStencilBackend backend, WaveEquation3D equation, TileGrid grid, int halo, float[] previous, float[] current, TiledStencilOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(equation);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        if (equation.Size.Is2D)
            throw new ArgumentException($"The tiled wave runs on a 3D grid; {equation.Size} has a depth of 1, so its tiles would have no Z halo (the grid engine runs it).", nameof(equation));
        float[] older = (float[])previous.Clone();
        float[] newer = (float[])current.Clone();
        var tiles = new StencilTile[grid.TileCount];
        for (int i = 0; i < tiles.Length; i++)
            tiles[i] = new WaveTile3D(equation, grid, i, halo, older, newer);
        return new TiledWave3D(older, newer, await TiledStencilEngine.StartAsync(system, backend, tiles, options).ConfigureAwait(false));
    }

    /// <inheritdoc cref="TiledStencilEngine.RunStepsAsync"/>
    public Task<long> RunStepsAsync(int steps, IProgress<TileProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Engine.RunStepsAsync(steps, progress, cancellationToken);

    /// <summary>Gathers every tile's two levels (a <see cref="TileCommandKind.Snapshot"/> command) into <paramref name="previous"/> and <paramref name="current"/>.</summary>
    public async Task SnapshotAsync(float[] previous, float[] current, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        await Engine.SnapshotAsync(cancellationToken).ConfigureAwait(false);
        _previous.CopyTo(previous, 0);
        _current.CopyTo(current, 0);
    }

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
