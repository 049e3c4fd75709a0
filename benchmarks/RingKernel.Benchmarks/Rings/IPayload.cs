namespace RingKernel.Benchmarks.Rings;

/// <summary>A benchmark message that carries its sequence number, so the consumer can check what arrived.</summary>
public interface IPayload<TSelf>
    where TSelf : unmanaged, IPayload<TSelf>
{
    ulong Sequence { get; }

    static abstract TSelf Create(ulong sequence);
}
