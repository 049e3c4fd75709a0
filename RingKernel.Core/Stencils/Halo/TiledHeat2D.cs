using Akka.Actor;

namespace RingKernel.Stencils.Halo;

/// <summary>
/// A <see cref="HeatEquation2D"/> simulation cut into tiles, each a kernel actor whose ring kernel exchanges halos
/// over K2K (see <see cref="TiledStencilEngine"/>); bit-identical to <see cref="HeatReference2D"/>
/// for every tiling, halo width and boundary.
/// </summary>
public sealed class TiledHeat2D : IAsyncDisposable
{
    private readonly float[] _field;

    private TiledHeat2D(float[] field, TiledStencilEngine engine)
    {
        _field = field;
        Engine = engine;
    }

    public TiledStencilEngine Engine { get; }

    /// <summary>Starts the tile kernel actors of <paramref name="grid"/> in <paramref name="system"/>, their kernels on <paramref name="backend"/>, from <paramref name="initial"/> (copied).</summary>
    public static async Task<TiledHeat2D> StartAsync(ActorSystem system, ITiledStencilBackend backend, HeatEquation2D equation, TileGrid grid, int halo, float[] initial, TiledStencilOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(equation);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(initial);
        float[] field = (float[])initial.Clone();
        var tiles = new StencilTile[grid.TileCount];
        for (int i = 0; i < tiles.Length; i++)
            tiles[i] = new HeatTile2D(equation, grid, i, halo, field);
        return new TiledHeat2D(field, await TiledStencilEngine.StartAsync(system, backend, tiles, options).ConfigureAwait(false));
    }

    /// <inheritdoc cref="TiledStencilEngine.RunStepsAsync"/>
    public Task<long> RunStepsAsync(int steps, IProgress<TileProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Engine.RunStepsAsync(steps, progress, cancellationToken);

    /// <summary>Gathers every tile's cells (a <see cref="TileCommandKind.Snapshot"/> command) into <paramref name="field"/>.</summary>
    public async Task SnapshotAsync(float[] field, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(field);
        StencilFields.CheckLength(field.Length, Engine.Tiles[0].Grid.Size, nameof(field));
        await Engine.SnapshotAsync(cancellationToken).ConfigureAwait(false);
        _field.CopyTo(field, 0);
    }

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
