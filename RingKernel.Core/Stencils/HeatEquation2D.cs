using System.Numerics;
using System.Runtime.CompilerServices;

namespace RingKernel.Stencils;

/// <summary>
/// The 2D heat equation on a grid, explicit 5-point update:
/// <c>u' = u + alpha * ((((west + east) + north) + south) - 4u)</c>.
/// </summary>
/// <remarks>
/// <para>
/// Every implementation (scalar reference, <see cref="Vector{T}"/> baseline, per-thread kernels,
/// GLSL, CUDA C, MSL) evaluates exactly this expression in float32, in this order, so they agree
/// bit for bit: the four neighbours are added left to right (west = x-1, east = x+1, north = y-1,
/// south = y+1), <c>4u</c> is subtracted (a multiplication by four is exact), the difference is
/// multiplied by alpha and added to u. Each operation rounds separately: no fused multiply-add.
/// .NET never contracts <c>a * b + c</c> into an FMA, scalar or <see cref="Vector{T}"/>; GPU code
/// must forbid it (CUDA: <c>--fmad=false</c> or <c>__fmul_rn</c>/<c>__fadd_rn</c>; GLSL: <c>precise</c>;
/// MSL: <c>-ffast-math</c> off, <c>fma</c> never written).
/// </para>
/// <para>The scheme is stable for <c>0 &lt; alpha &lt;= 0.25</c>, which the constructor enforces.</para>
/// </remarks>
public sealed class HeatEquation2D
{
    /// <summary>The largest stable diffusion number of the explicit 5-point scheme.</summary>
    public const float MaxAlpha = 0.25f;

    public HeatEquation2D(GridSize size, float alpha, StencilBoundary boundary)
    {
        if (!size.Is2D)
            throw new ArgumentException($"The 2D heat equation needs a grid of depth 1; got {size}.", nameof(size));
        if (!(alpha > 0f && alpha <= MaxAlpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"alpha must be in (0, {MaxAlpha}] for the explicit scheme to be stable.");
        Size = size;
        Alpha = alpha;
        Boundary = boundary;
    }

    public GridSize Size { get; }

    /// <summary>Diffusion number: diffusivity x time step / cell size².</summary>
    public float Alpha { get; }

    public StencilBoundary Boundary { get; }

    /// <summary>The update of one cell: the order of operations every implementation follows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Update(float u, float west, float east, float north, float south, float alpha) =>
        u + (alpha * ((((west + east) + north) + south) - (4f * u)));

    /// <summary>The same update for <see cref="Vector{T}.Count"/> cells at once, bit-identical lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Update(Vector<float> u, Vector<float> west, Vector<float> east, Vector<float> north, Vector<float> south, Vector<float> alpha) =>
        u + (alpha * ((((west + east) + north) + south) - (new Vector<float>(4f) * u)));

    public override string ToString() => $"heat 2D {Size}, alpha {Alpha}, {Boundary} boundary";
}
