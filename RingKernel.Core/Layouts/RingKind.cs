namespace RingKernel.Layouts;

/// <summary>Which protocol a ring's producers follow; stored in <see cref="RingHeader.Kind"/>.</summary>
public enum RingKind : uint
{
    /// <summary>One producer publishes <see cref="RingHeader.Tail"/> after writing the slot.</summary>
    SingleProducer = 1,
    /// <summary>Producers claim with one CAS on the tail and publish each slot's sequence number (Vyukov).</summary>
    MultiProducer = 2,
}
