namespace RingKernel.Clocks;

/// <summary>
/// A hybrid logical clock reading: <see cref="Packed"/> holds 48 bits of physical Unix microseconds
/// above 16 bits of logical counter, so one 64-bit comparison orders timestamps; the node id breaks ties.
/// </summary>
public readonly record struct HlcTimestamp(ulong Packed, uint NodeId) : IComparable<HlcTimestamp>
{
    public const int LogicalBits = 16;
    public const ulong LogicalMask = (1UL << LogicalBits) - 1;
    public const ulong MaxPhysical = (1UL << (64 - LogicalBits)) - 1;

    public static HlcTimestamp FromParts(ulong physicalMicros, ushort logical, uint nodeId)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(physicalMicros, MaxPhysical);
        return new HlcTimestamp((physicalMicros << LogicalBits) | logical, nodeId);
    }

    /// <summary>Unix time in microseconds.</summary>
    public ulong PhysicalMicros => Packed >> LogicalBits;

    public ushort Logical => (ushort)(Packed & LogicalMask);

    public int CompareTo(HlcTimestamp other)
    {
        int byTime = Packed.CompareTo(other.Packed);
        return byTime != 0 ? byTime : NodeId.CompareTo(other.NodeId);
    }

    public static bool operator <(HlcTimestamp left, HlcTimestamp right) => left.CompareTo(right) < 0;

    public static bool operator >(HlcTimestamp left, HlcTimestamp right) => left.CompareTo(right) > 0;

    public static bool operator <=(HlcTimestamp left, HlcTimestamp right) => left.CompareTo(right) <= 0;

    public static bool operator >=(HlcTimestamp left, HlcTimestamp right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{PhysicalMicros}.{Logical}@{NodeId}";
}
