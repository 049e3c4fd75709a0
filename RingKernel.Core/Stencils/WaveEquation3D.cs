using System.Numerics;
using System.Runtime.CompilerServices;

namespace RingKernel.Stencils;

/// <summary>
/// The 3D wave equation on a grid, leapfrog in time with the 7-point Laplacian:
/// <c>next = (2u - previous) + c2 * ((((((xMinus + xPlus) + yMinus) + yPlus) + zMinus) + zPlus) - 6u)</c>.
/// </summary>
/// <remarks>
/// <para>
/// Every implementation evaluates exactly this expression in float32, in this order, so they agree
/// bit for bit: <c>2u - previous</c> first (doubling is exact); the six neighbours added left to
/// right in the order x-1, x+1, y-1, y+1, z-1, z+1; <c>6u</c> (one rounded multiplication)
/// subtracted; the difference multiplied by c2 and added last. No fused multiply-add anywhere
/// (see <see cref="HeatEquation2D"/> for what that asks of GPU compilers).
/// </para>
/// <para>
/// <c>c2</c> is the squared Courant number (c·dt/dx)²; the scheme is stable for
/// <c>0 &lt; c2 &lt;= 1/3</c>, which the constructor enforces.
/// </para>
/// </remarks>
public sealed class WaveEquation3D
{
    /// <summary>The largest stable squared Courant number of the 3D leapfrog scheme.</summary>
    public const float MaxC2 = 1f / 3f;

    public WaveEquation3D(GridSize size, float c2, StencilBoundary boundary)
    {
        if (!(c2 > 0f && c2 <= MaxC2))
            throw new ArgumentOutOfRangeException(nameof(c2), c2, $"c2 must be in (0, 1/3] for the leapfrog scheme to be stable.");
        Size = size;
        C2 = c2;
        Boundary = boundary;
    }

    public GridSize Size { get; }

    /// <summary>The squared Courant number (c·dt/dx)².</summary>
    public float C2 { get; }

    public StencilBoundary Boundary { get; }

    /// <summary>The update of one cell: the order of operations every implementation follows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Update(float u, float previous, float xMinus, float xPlus, float yMinus, float yPlus, float zMinus, float zPlus, float c2) =>
        ((2f * u) - previous) + (c2 * ((((((xMinus + xPlus) + yMinus) + yPlus) + zMinus) + zPlus) - (6f * u)));

    /// <summary>The same update for <see cref="Vector{T}.Count"/> cells at once, bit-identical lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Update(
        Vector<float> u, Vector<float> previous, Vector<float> xMinus, Vector<float> xPlus, Vector<float> yMinus, Vector<float> yPlus, Vector<float> zMinus, Vector<float> zPlus, Vector<float> c2) =>
        ((new Vector<float>(2f) * u) - previous) + (c2 * ((((((xMinus + xPlus) + yMinus) + yPlus) + zMinus) + zPlus) - (new Vector<float>(6f) * u)));

    public override string ToString() => $"wave 3D {Size}, c2 {C2}, {Boundary} boundary";
}
