using System.Runtime.InteropServices;

namespace RingKernel.Benchmarks.Rings;

/// <summary>A 64-byte message (one cache line): the sequence number and seven more words.</summary>
[StructLayout(LayoutKind.Sequential, Size = 64)]
public readonly struct Payload64 : IPayload<Payload64>
{
    private readonly ulong _sequence;
    private readonly ulong _a, _b, _c, _d, _e, _f, _g;

    private Payload64(ulong sequence)
    {
        _sequence = sequence;
        _a = _b = _c = _d = _e = _f = _g = sequence ^ 0x5555;
    }

    public ulong Sequence => _sequence;

    public static Payload64 Create(ulong sequence) => new(sequence);
}
