using RingKernel.Memory;

namespace RingKernel.Tests.Hosting;

/// <summary>A memory space over another that counts the buffers allocated and not yet freed.</summary>
public sealed class CountingMemorySpace(IMemorySpace inner) : IMemorySpace
{
    private int _live;
    private int _allocated;

    public MemorySpaceKind Kind => inner.Kind;

    /// <summary>Buffers allocated and not yet disposed.</summary>
    public int Live => Volatile.Read(ref _live);

    /// <summary>Buffers allocated so far.</summary>
    public int Allocated => Volatile.Read(ref _allocated);

    public DeviceBuffer Allocate(long length, int alignment = DeviceBuffer.DefaultAlignment)
    {
        var buffer = new CountingBuffer(inner.Allocate(length, alignment), this);
        Interlocked.Increment(ref _allocated);
        Interlocked.Increment(ref _live);
        return buffer;
    }

    internal void Freed() => Interlocked.Decrement(ref _live);
}
