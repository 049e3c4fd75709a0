using System.Text.RegularExpressions;

namespace RingKernel.Cuda.Compilation;

/// <summary>
/// Pins the rounding of floating-point arithmetic in PTX so that the order of operations a kernel
/// was written in survives on the device. PTX lets ptxas fuse an <c>add</c>, <c>sub</c> or
/// <c>mul</c> that has no rounding modifier with another into a fused multiply-add; one with an
/// explicit modifier is never fused. NVRTC with <c>--fmad=false</c> therefore emits
/// <c>mul.rn.f32</c>/<c>add.rn.f32</c>; ILGPU emits <c>mul.f32</c>/<c>add.f32</c> and has no option
/// to do otherwise, so its PTX gets <c>.rn</c> (round to nearest even, the result those
/// instructions give anyway) added here. Covers f32 and f64; an <c>fma</c> the kernel asked for
/// itself stays.
/// </summary>
internal static partial class PtxRounding
{
    /// <summary><paramref name="ptx"/> with every f32/f64 add, sub and mul that lacks a rounding modifier given <c>.rn</c>.</summary>
    public static string RoundToNearest(string ptx)
    {
        ArgumentNullException.ThrowIfNull(ptx);
        return Unrounded().Replace(ptx, match => match.Groups["lead"].Value + match.Groups["operation"].Value + ".rn" + match.Groups["modifiers"].Value);
    }

    /// <summary>Whether <paramref name="ptx"/> holds an f32/f64 add, sub or mul without a rounding modifier, which ptxas may contract into an FMA.</summary>
    public static bool MayContract(string ptx)
    {
        ArgumentNullException.ThrowIfNull(ptx);
        return Unrounded().IsMatch(ptx);
    }

    // An instruction line: optional guard predicate (@%p1, @!%p1), the opcode, then white space.
    // PTX writes the rounding modifier first (add{.rnd}{.ftz}{.sat}.f32), so an opcode whose
    // modifiers are only .ftz/.sat before its type has none.
    [GeneratedRegex(@"^(?<lead>[ \t]*(?:@!?%\w+[ \t]+)?)(?<operation>add|sub|mul)(?<modifiers>(?:\.ftz|\.sat)*\.f(?:32|64))(?=[ \t])", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Unrounded();
}
