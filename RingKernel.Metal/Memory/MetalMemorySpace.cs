using RingKernel.Memory;
using RingKernel.Metal.Devices;

namespace RingKernel.Metal.Memory;

/// <summary>
/// The shared memory of one Metal device: every buffer is MTLStorageModeShared, reached by the host
/// through its contents and by kernels through its GPU address. <see cref="MemorySpaceKind.Unified"/>
/// on Apple silicon, <see cref="MemorySpaceKind.PinnedHost"/> on a discrete GPU.
/// </summary>
public sealed class MetalMemorySpace : IMemorySpace
{
    private readonly MetalDevice _device;
    private readonly MetalResidency _residency;

    internal MetalMemorySpace(MetalDevice device, MetalResidency residency)
    {
        _device = device;
        _residency = residency;
        Kind = device.HasUnifiedMemory ? MemorySpaceKind.Unified : MemorySpaceKind.PinnedHost;
    }

    public MemorySpaceKind Kind { get; }

    /// <summary>A zeroed shared buffer; see <see cref="MetalBuffer"/>.</summary>
    public DeviceBuffer Allocate(long length, int alignment = DeviceBuffer.DefaultAlignment)
    {
        ObjectDisposedException.ThrowIf(_device.IsDisposed, this);
        return MetalBuffer.Create(_device, _residency, length, alignment, shared: true);
    }
}
