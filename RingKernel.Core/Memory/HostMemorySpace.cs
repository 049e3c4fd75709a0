namespace RingKernel.Memory;

/// <summary>The host's own memory space: pinned, aligned native buffers.</summary>
public sealed class HostMemorySpace : IMemorySpace
{
    public static HostMemorySpace Instance { get; } = new();

    private HostMemorySpace()
    {
    }

    public MemorySpaceKind Kind => MemorySpaceKind.PinnedHost;

    public DeviceBuffer Allocate(long length, int alignment = DeviceBuffer.DefaultAlignment) =>
        new PinnedHostBuffer(length, alignment);
}
