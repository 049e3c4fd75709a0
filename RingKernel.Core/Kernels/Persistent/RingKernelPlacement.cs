namespace RingKernel.Kernels.Persistent;

/// <summary>
/// Where a ring kernel runs relative to its siblings: it is kernel <see cref="Index"/> of
/// <see cref="Count"/>, numbered so that kernels close in number exchange the most messages (the
/// tiles of a grid in row-major order). A backend that runs many kernels on a few shared workers
/// (the CPU backend's cooperative scheduling) gives each worker one contiguous run of numbers, so
/// most messages stay in one core's caches; a backend that gives every kernel its own hardware ignores it.
/// </summary>
public readonly record struct RingKernelPlacement
{
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive, or <paramref name="index"/> is not in [0, <paramref name="count"/>).</exception>
    public RingKernelPlacement(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        Index = index;
        Count = count;
    }

    public int Index { get; }

    public int Count { get; }

    /// <summary>Which of <paramref name="parts"/> contiguous runs of the numbering this kernel falls in.</summary>
    public int PartOf(int parts)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parts);
        return (int)((long)Index * parts / Count);
    }
}
