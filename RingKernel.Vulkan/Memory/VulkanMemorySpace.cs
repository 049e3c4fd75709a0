using RingKernel.Memory;
using RingKernel.Vulkan.Devices;
using Silk.NET.Vulkan;

namespace RingKernel.Vulkan.Memory;

/// <summary>
/// The host-shared memory of one Vulkan device: every buffer is HOST_VISIBLE | HOST_COHERENT,
/// persistently mapped, and bound to kernels as a storage buffer. Its <see cref="Kind"/> is
/// <see cref="MemorySpaceKind.Unified"/> when that memory is also DEVICE_LOCAL (lavapipe,
/// integrated GPUs, resizable BAR) and <see cref="MemorySpaceKind.PinnedHost"/> otherwise.
/// </summary>
public sealed class VulkanMemorySpace : IMemorySpace
{
    private readonly VulkanDevice _device;

    internal VulkanMemorySpace(VulkanDevice device)
    {
        _device = device;
        MemoryPropertyFlags hostShared = MemoryPropertyFlags.HostVisibleBit | MemoryPropertyFlags.HostCoherentBit;
        int type = device.FindMemoryType(uint.MaxValue, hostShared, hostShared);
        if (type < 0)
            throw new NotSupportedException($"Vulkan device {device.Physical.Info.Name} has no HOST_VISIBLE | HOST_COHERENT memory.");
        Kind = (device.MemoryTypeFlags(type) & MemoryPropertyFlags.DeviceLocalBit) != 0 ? MemorySpaceKind.Unified : MemorySpaceKind.PinnedHost;
    }

    public MemorySpaceKind Kind { get; }

    /// <summary>A zeroed, mapped buffer; see <see cref="VulkanBuffer"/>.</summary>
    public DeviceBuffer Allocate(long length, int alignment = DeviceBuffer.DefaultAlignment)
    {
        ObjectDisposedException.ThrowIf(_device.IsDisposed, this);
        return VulkanBuffer.Create(_device, length, alignment, hostVisible: true);
    }
}
