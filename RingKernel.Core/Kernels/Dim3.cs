namespace RingKernel.Kernels;

/// <summary>
/// An extent in up to three dimensions: the size of a grid (in workgroups) or of a workgroup (in
/// threads). Every extent is at least 1; <c>default(Dim3)</c> is the only value with zeros, and
/// <see cref="LaunchOptions"/> rejects it.
/// </summary>
public readonly record struct Dim3
{
    public Dim3(int x, int y = 1, int z = 1)
    {
        ThrowIfNotPositive(x, nameof(x));
        ThrowIfNotPositive(y, nameof(y));
        ThrowIfNotPositive(z, nameof(z));
        X = x;
        Y = y;
        Z = z;
    }

    public int X { get; }

    public int Y { get; }

    public int Z { get; }

    /// <summary>X·Y·Z; zero only for <c>default(Dim3)</c>.</summary>
    public long Count => (long)X * Y * Z;

    /// <summary>A one-dimensional extent, so <c>LaunchOptions(grid: 4, workgroup: 256)</c> reads naturally.</summary>
    public static implicit operator Dim3(int x) => new(x);

    /// <summary>The row-major linear index of <paramref name="index"/> (X varies fastest).</summary>
    public int Linearize(Index3 index) => index.X + (X * (index.Y + (Y * index.Z)));

    /// <summary>The coordinates of row-major linear index <paramref name="linear"/>.</summary>
    public Index3 Delinearize(int linear)
    {
        int plane = X * Y;
        int z = linear / plane;
        int rest = linear - (z * plane);
        int y = rest / X;
        return new Index3(rest - (y * X), y, z);
    }

    public override string ToString() => $"({X}, {Y}, {Z})";

    private static void ThrowIfNotPositive(int value, string name)
    {
        if (value < 1)
            throw new ArgumentOutOfRangeException(name, value, "Every extent of a Dim3 must be at least 1.");
    }
}
