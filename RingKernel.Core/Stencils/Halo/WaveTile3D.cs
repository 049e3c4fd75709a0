using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RingKernel.Stencils.Halo;

/// <summary>
/// A tile of a <see cref="WaveEquation3D"/> simulation: the previous and current padded levels,
/// each step's rows in <see cref="Vector{T}"/> lanes, the tail scalar, so it matches
/// <see cref="WaveReference3D"/> bit for bit. With a halo wider than 1 both levels travel (the
/// shrinking region reads its own previous value in the halo); with a halo of 1 only the current.
/// </summary>
public sealed class WaveTile3D : StencilTile
{
    private readonly float[] _previousField;
    private readonly float[] _currentField;
    private readonly float _c2;
    private float[] _previous;
    private float[] _current;

    /// <param name="equation">The equation over the whole grid.</param>
    /// <param name="grid">The grid's tiles.</param>
    /// <param name="tile">This tile's number.</param>
    /// <param name="halo">The halo width (1 to the grid's <see cref="TileGrid.MaxHaloWidth"/>).</param>
    /// <param name="previous">The whole-grid older level: read now, written back by <see cref="Snapshot"/>.</param>
    /// <param name="current">The whole-grid newer level: read now, written back by <see cref="Snapshot"/>.</param>
    public WaveTile3D(WaveEquation3D equation, TileGrid grid, int tile, int halo, float[] previous, float[] current)
        : base(grid, tile, halo, (equation ?? throw new ArgumentNullException(nameof(equation))).Boundary)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        if (equation.Size != grid.Size)
            throw new ArgumentException($"The equation is over a {equation.Size} grid, the tiles over {grid.Size}.", nameof(grid));
        StencilFields.CheckLength(previous.Length, grid.Size, nameof(previous));
        StencilFields.CheckLength(current.Length, grid.Size, nameof(current));
        _previousField = previous;
        _currentField = current;
        _c2 = equation.C2;
        _previous = NewLevel();
        _current = NewLevel();
        Layout.LoadInterior(previous, grid.Size, Origin, _previous);
        Layout.LoadInterior(current, grid.Size, Origin, _current);
    }

    /// <summary>The equation's squared Courant number, which the tile's kernel steps with.</summary>
    public float C2 => _c2;

    protected override float[][] ExchangedLevels => Halo == 1 ? [_current] : [_current, _previous];

    protected override float[][] StateLevels => [_previous, _current];

    public override void Snapshot()
    {
        Layout.StoreInterior(_previous, _previousField, Grid.Size, Origin);
        Layout.StoreInterior(_current, _currentField, Grid.Size, Origin);
    }

    // Compiled fully optimized at once, as the baselines' row kernels are (see StencilRows): a
    // run is a few hundred calls, too few for tiering to settle before it is timed.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Advance(HaloRegion region)
    {
        nuint row = (nuint)Layout.RowStride;
        nuint plane = (nuint)Layout.PlaneStride;
        ref float current = ref MemoryMarshal.GetArrayDataReference(_current);
        ref float previous = ref MemoryMarshal.GetArrayDataReference(_previous);
        var c2s = new Vector<float>(_c2);
        int width = region.Width;
        // Row starts are stepped by the strides rather than located afresh: a 128-cell row is only
        // 16 vectors, so the work per row counts.
        int firstPlane = Layout.Index(region.Start.X, region.Start.Y, region.Start.Z);
        int rowsEnd = region.Height * (int)row;
        for (int z = 0; z < region.Depth; z++)
        {
            int plane0 = firstPlane + (z * (int)plane);
            for (int rowOffset = 0; rowOffset < rowsEnd; rowOffset += (int)row)
            {
                int first = plane0 + rowOffset;
                int x = 0;
                for (; x + Vector<float>.Count <= width; x += Vector<float>.Count)
                {
                    nuint at = (nuint)(first + x);
                    WaveEquation3D.Update(
                        Vector.LoadUnsafe(ref current, at),
                        Vector.LoadUnsafe(ref previous, at),
                        Vector.LoadUnsafe(ref current, at - 1),
                        Vector.LoadUnsafe(ref current, at + 1),
                        Vector.LoadUnsafe(ref current, at - row),
                        Vector.LoadUnsafe(ref current, at + row),
                        Vector.LoadUnsafe(ref current, at - plane),
                        Vector.LoadUnsafe(ref current, at + plane),
                        c2s).StoreUnsafe(ref previous, at);
                }

                for (; x < width; x++)
                {
                    int at = first + x;
                    int r = (int)row, p = (int)plane;
                    _previous[at] = WaveEquation3D.Update(
                        _current[at], _previous[at], _current[at - 1], _current[at + 1], _current[at - r], _current[at + r], _current[at - p], _current[at + p], _c2);
                }
            }
        }

        // The new level was written over the previous one; it is now the current.
        (_previous, _current) = (_current, _previous);
    }
}
