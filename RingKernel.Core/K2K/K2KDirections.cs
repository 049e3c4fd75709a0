using RingKernel.Kernels;

namespace RingKernel.K2K;

/// <summary>The geometry of the <see cref="K2KDirection"/> route numbers, and the neighbourhoods built from them.</summary>
public static class K2KDirections
{
    /// <summary>The number of routes in a routing table: every direction of a 3D Moore neighbourhood.</summary>
    public const int Count = 26;

    // The step of each direction, indexed by its code; see K2KDirection for the order.
    private static readonly Index3[] Offsets =
    [
        new(-1, 0, 0), new(1, 0, 0), new(0, -1, 0), new(0, 1, 0), new(0, 0, -1), new(0, 0, 1),
        new(-1, -1, 0), new(1, -1, 0), new(-1, 1, 0), new(1, 1, 0),
        new(-1, 0, -1), new(1, 0, -1), new(-1, 0, 1), new(1, 0, 1),
        new(0, -1, -1), new(0, 1, -1), new(0, -1, 1), new(0, 1, 1),
        new(-1, -1, -1), new(1, -1, -1), new(-1, 1, -1), new(1, 1, -1),
        new(-1, -1, 1), new(1, -1, 1), new(-1, 1, 1), new(1, 1, 1),
    ];

    /// <summary>The four faces of a 2D tile.</summary>
    public static IReadOnlyList<K2KDirection> VonNeumann2D { get; } = Codes(0, 1, 2, 3);

    /// <summary>The four faces and four corners of a 2D tile.</summary>
    public static IReadOnlyList<K2KDirection> Moore2D { get; } = Codes(0, 1, 2, 3, 6, 7, 8, 9);

    /// <summary>The six faces of a 3D tile.</summary>
    public static IReadOnlyList<K2KDirection> VonNeumann3D { get; } = Codes(0, 1, 2, 3, 4, 5);

    /// <summary>All 26 faces, edges and corners of a 3D tile.</summary>
    public static IReadOnlyList<K2KDirection> Moore3D { get; } = Codes([.. Enumerable.Range(0, Count)]);

    /// <summary>The directions of <paramref name="neighbourhood"/> in 2D or 3D.</summary>
    public static IReadOnlyList<K2KDirection> Of(K2KNeighbourhood neighbourhood, bool is3D) => (neighbourhood, is3D) switch
    {
        (K2KNeighbourhood.VonNeumann, false) => VonNeumann2D,
        (K2KNeighbourhood.Moore, false) => Moore2D,
        (K2KNeighbourhood.VonNeumann, true) => VonNeumann3D,
        (K2KNeighbourhood.Moore, true) => Moore3D,
        _ => throw new ArgumentOutOfRangeException(nameof(neighbourhood), neighbourhood, "Not a K2K neighbourhood."),
    };

    /// <summary>True for a route number of the table (0 to 25).</summary>
    public static bool IsDefined(int route) => (uint)route < Count;

    /// <summary>The step in tile coordinates of <paramref name="direction"/>, e.g. (1, -1, 0) for <see cref="K2KDirection.XPlusYMinus"/>.</summary>
    public static Index3 Offset(this K2KDirection direction) => Offsets[Check(direction)];

    /// <summary>The direction that points back: the inbox a message sent on <paramref name="direction"/> arrives in.</summary>
    public static K2KDirection Opposite(this K2KDirection direction)
    {
        Index3 step = Offsets[Check(direction)];
        return FromOffset(new Index3(-step.X, -step.Y, -step.Z));
    }

    /// <summary>The direction of the step <paramref name="offset"/> (components -1, 0 or 1, not all 0).</summary>
    public static K2KDirection FromOffset(Index3 offset)
    {
        int index = Array.IndexOf(Offsets, offset);
        return index >= 0
            ? (K2KDirection)index
            : throw new ArgumentOutOfRangeException(nameof(offset), offset, "A direction's step has components of -1, 0 or 1, not all 0.");
    }

    /// <summary>"1 (XPlus)" for a route number of the table; the bare number for any other.</summary>
    public static string Describe(int route) => IsDefined(route) ? $"{route} ({(K2KDirection)route})" : route.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int Check(K2KDirection direction) =>
        IsDefined((int)direction)
            ? (int)direction
            : throw new ArgumentOutOfRangeException(nameof(direction), direction, $"A K2K direction is a route number from 0 to {Count - 1}.");

    private static K2KDirection[] Codes(params int[] codes) => [.. codes.Select(code => (K2KDirection)code)];
}
