using RingKernel.K2K;
using RingKernel.Kernels;

namespace RingKernel.Stencils;

/// <summary>The geometry of a <see cref="TileFace"/>.</summary>
public static class TileFaces
{
    /// <summary>The four faces of a 2D tile.</summary>
    public static IReadOnlyList<TileFace> Faces2D { get; } = [TileFace.XMinus, TileFace.XPlus, TileFace.YMinus, TileFace.YPlus];

    /// <summary>The six faces of a 3D tile.</summary>
    public static IReadOnlyList<TileFace> Faces3D { get; } = [TileFace.XMinus, TileFace.XPlus, TileFace.YMinus, TileFace.YPlus, TileFace.ZMinus, TileFace.ZPlus];

    /// <summary>The step in tile coordinates that crosses <paramref name="face"/>, e.g. (-1, 0, 0) for <see cref="TileFace.XMinus"/>.</summary>
    public static Index3 Offset(this TileFace face) => face switch
    {
        TileFace.XMinus => new Index3(-1, 0, 0),
        TileFace.XPlus => new Index3(1, 0, 0),
        TileFace.YMinus => new Index3(0, -1, 0),
        TileFace.YPlus => new Index3(0, 1, 0),
        TileFace.ZMinus => new Index3(0, 0, -1),
        TileFace.ZPlus => new Index3(0, 0, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(face), face, "Not a tile face."),
    };

    /// <summary>The K2K route number of <paramref name="face"/>: the same code (<see cref="K2KDirection"/> 0 to 5).</summary>
    public static K2KDirection ToDirection(this TileFace face) =>
        face is >= TileFace.XMinus and <= TileFace.ZPlus
            ? (K2KDirection)(int)face
            : throw new ArgumentOutOfRangeException(nameof(face), face, "Not a tile face.");

    /// <summary>The face a neighbour sees this face as: a halo sent through XPlus arrives on the neighbour's XMinus.</summary>
    public static TileFace Opposite(this TileFace face) => face switch
    {
        TileFace.XMinus => TileFace.XPlus,
        TileFace.XPlus => TileFace.XMinus,
        TileFace.YMinus => TileFace.YPlus,
        TileFace.YPlus => TileFace.YMinus,
        TileFace.ZMinus => TileFace.ZPlus,
        TileFace.ZPlus => TileFace.ZMinus,
        _ => throw new ArgumentOutOfRangeException(nameof(face), face, "Not a tile face."),
    };
}
