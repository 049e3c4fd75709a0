using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RingKernel.Stencils.Halo;

/// <summary>
/// A tile of a <see cref="HeatEquation2D"/> simulation: two padded levels, each step's rows in
/// <see cref="Vector{T}"/> lanes through <see cref="HeatEquation2D.Update(Vector{float}, Vector{float}, Vector{float}, Vector{float}, Vector{float}, Vector{float})"/>
/// (a row's last vector overlapping the one before; rows narrower than a vector through the scalar
/// rule), so it matches <see cref="HeatReference2D"/> bit for bit.
/// </summary>
public sealed class HeatTile2D : StencilTile
{
    private readonly float[] _field;
    private readonly float _alpha;
    private float[] _current;
    private float[] _next;

    /// <param name="equation">The equation over the whole grid.</param>
    /// <param name="grid">The grid's tiles.</param>
    /// <param name="tile">This tile's number.</param>
    /// <param name="halo">The halo width (1 to the grid's <see cref="TileGrid.MaxHaloWidth"/>).</param>
    /// <param name="field">The whole-grid field: the tile's cells are read from it now and written back by <see cref="Snapshot"/>.</param>
    public HeatTile2D(HeatEquation2D equation, TileGrid grid, int tile, int halo, float[] field)
        : base(grid, tile, halo, (equation ?? throw new ArgumentNullException(nameof(equation))).Boundary)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (equation.Size != grid.Size)
            throw new ArgumentException($"The equation is over a {equation.Size} grid, the tiles over {grid.Size}.", nameof(grid));
        StencilFields.CheckLength(field.Length, grid.Size, nameof(field));
        _field = field;
        _alpha = equation.Alpha;
        _current = NewLevel();
        _next = NewLevel();
        Layout.LoadInterior(field, grid.Size, Origin, _current);
    }

    /// <summary>The equation's alpha, which the tile's kernel steps with.</summary>
    public float Alpha => _alpha;

    protected override float[][] ExchangedLevels => [_current];

    protected override float[][] StateLevels => [_current];

    public override void Snapshot() => Layout.StoreInterior(_current, _field, Grid.Size, Origin);

    // Compiled fully optimized at once, as the baselines' row kernels are (see StencilRows): a
    // run is a few hundred calls, too few for tiering to settle before it is timed.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Advance(HaloRegion region)
    {
        int stride = Layout.RowStride;
        int width = region.Width;
        int first = Layout.Index(region.Start.X, region.Start.Y);
        int end = first + (region.Height * stride);
        if (width < Vector<float>.Count)
        {
            for (int row = first; row < end; row += stride)
            {
                for (int at = row; at < row + width; at++)
                    _next[at] = HeatEquation2D.Update(_current[at], _current[at - 1], _current[at + 1], _current[at - stride], _current[at + stride], _alpha);
            }
        }
        else
        {
            ref float current = ref MemoryMarshal.GetArrayDataReference(_current);
            ref float next = ref MemoryMarshal.GetArrayDataReference(_next);
            var alphas = new Vector<float>(_alpha);
            nuint rowStride = (nuint)stride;

            // A row's last vector ends at the row's end, overlapping cells already done: they are
            // computed again from the same inputs, so they get the same bits. Rows are short in
            // small tiles (16 to 44 cells), so a row costs one step of its start and no bounds logic.
            int lastVector = width - Vector<float>.Count;
            for (int row = first; row < end; row += stride)
            {
                for (int x = 0; x < lastVector; x += Vector<float>.Count)
                    Step(ref current, ref next, (nuint)(row + x), rowStride, alphas);
                Step(ref current, ref next, (nuint)(row + lastVector), rowStride, alphas);
            }
        }

        (_current, _next) = (_next, _current);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(ref float current, ref float next, nuint at, nuint stride, Vector<float> alphas) =>
        HeatEquation2D.Update(
            Vector.LoadUnsafe(ref current, at),
            Vector.LoadUnsafe(ref current, at - 1),
            Vector.LoadUnsafe(ref current, at + 1),
            Vector.LoadUnsafe(ref current, at - stride),
            Vector.LoadUnsafe(ref current, at + stride),
            alphas).StoreUnsafe(ref next, at);
}
