namespace RingKernel.Benchmarks.Rings;

/// <summary>An 8-byte message: just the sequence number.</summary>
public readonly record struct Payload8(ulong Sequence) : IPayload<Payload8>
{
    public static Payload8 Create(ulong sequence) => new(sequence);
}
