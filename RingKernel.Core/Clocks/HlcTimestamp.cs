namespace RingKernel.Clocks;

/// <summary>
/// A hybrid logical clock reading: <see cref="Packed"/> holds 48 bits of physical microseconds since
/// <see cref="Epoch"/> above 16 bits of logical counter, so one 64-bit comparison orders timestamps;
/// the node id breaks ties.
/// </summary>
/// <remarks>
/// 48 bits of microseconds span 8.9 years, too few for Unix time, so the physical part counts from
/// 2025-01-01 UTC and runs out on 2 December 2033 (<see cref="MaxPhysical"/>).
/// </remarks>
public readonly record struct HlcTimestamp(ulong Packed, uint NodeId) : IComparable<HlcTimestamp>
{
    public const int LogicalBits = 16;
    public const ulong LogicalMask = (1UL << LogicalBits) - 1;
    public const ulong MaxPhysical = (1UL << (64 - LogicalBits)) - 1;

    /// <summary>Time zero of the physical part.</summary>
    public static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static HlcTimestamp FromParts(ulong physicalMicros, ushort logical, uint nodeId)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(physicalMicros, MaxPhysical);
        return new HlcTimestamp((physicalMicros << LogicalBits) | logical, nodeId);
    }

    /// <summary>Microseconds since <see cref="Epoch"/>.</summary>
    public ulong PhysicalMicros => Packed >> LogicalBits;

    /// <summary>The physical part as a point in time.</summary>
    public DateTimeOffset PhysicalTime => Epoch.AddTicks((long)PhysicalMicros * TimeSpan.TicksPerMicrosecond);

    /// <summary>Microseconds since <see cref="Epoch"/> of <paramref name="time"/>; throws outside the 48-bit range.</summary>
    public static ulong ToPhysicalMicros(DateTimeOffset time)
    {
        long micros = (time.UtcTicks - Epoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
        if (micros < 0 || (ulong)micros > MaxPhysical)
            throw new ArgumentOutOfRangeException(nameof(time), time, $"Hybrid logical clock time must lie between {Epoch:u} and {Epoch.AddTicks((long)MaxPhysical * TimeSpan.TicksPerMicrosecond):u}.");
        return (ulong)micros;
    }

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
