using System.Runtime.InteropServices;
using RingKernel.Memory;
using RingKernel.Vulkan.Devices;
using RingKernel.Vulkan.Interop;
using Silk.NET.Vulkan;
using Buffer = Silk.NET.Vulkan.Buffer;

namespace RingKernel.Vulkan.Memory;

/// <summary>
/// A VkBuffer with its own VkDeviceMemory. A host-visible buffer lives in HOST_VISIBLE |
/// HOST_COHERENT memory, mapped once for its whole life, so host writes need no flush and the
/// device's writes are visible once the dispatch that made them has completed. A device-local
/// buffer is reached by the host only through <see cref="VulkanBackend.Upload"/> and <see cref="VulkanBackend.Download"/>.
/// </summary>
/// <remarks>
/// Its <see cref="DeviceAddress"/> is the Vulkan 1.2 buffer device address (GLSL
/// <c>GL_EXT_buffer_reference</c>), on devices with the bufferDeviceAddress feature.
/// </remarks>
public sealed unsafe class VulkanBuffer : DeviceBuffer
{
    private readonly VulkanDevice _device;
    private readonly Buffer _buffer;
    private readonly DeviceMemory _memory;
    private readonly byte* _mapped;
    private readonly ulong _deviceAddress;

    private VulkanBuffer(VulkanDevice device, MemorySpaceKind kind, long length, Buffer buffer, DeviceMemory memory, byte* mapped, ulong deviceAddress)
        : base(kind, length)
    {
        _device = device;
        _buffer = buffer;
        _memory = memory;
        _mapped = mapped;
        _deviceAddress = deviceAddress;
    }

    public override bool IsHostAccessible => _mapped != null;

    /// <summary>The buffer's device address; throws <see cref="NotSupportedException"/> on a device without bufferDeviceAddress.</summary>
    public override ulong DeviceAddress
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            return _deviceAddress != 0 ? _deviceAddress
                : throw new NotSupportedException($"Vulkan device {_device.Physical.Info.Name} lacks the bufferDeviceAddress feature; bind the buffer as a storage buffer instead.");
        }
    }

    /// <summary>The VkBuffer handle.</summary>
    internal Buffer Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            return _buffer;
        }
    }

    internal VulkanDevice Device => _device;

    /// <summary>
    /// Creates a buffer of <paramref name="length"/> bytes whose host and device addresses are
    /// aligned to <paramref name="alignment"/>; a host-visible buffer is zeroed here, a device-local
    /// one must be zeroed by the caller (it needs a command).
    /// </summary>
    internal static VulkanBuffer Create(VulkanDevice device, long length, int alignment, bool hostVisible)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "Alignment must be a positive power of two.");
        Vk vk = device.Api;
        Device handle = device.Handle;
        bool addressable = device.Physical.SupportsBufferDeviceAddress;

        var create = new BufferCreateInfo
        {
            SType = StructureType.BufferCreateInfo,
            // Whole 4-byte words, so vkCmdFillBuffer over the whole buffer zeroes every byte of Length.
            Size = ((ulong)length + 3) & ~3UL,
            Usage = BufferUsageFlags.StorageBufferBit | BufferUsageFlags.TransferSrcBit | BufferUsageFlags.TransferDstBit
                | (addressable ? BufferUsageFlags.ShaderDeviceAddressBit : 0),
            SharingMode = SharingMode.Exclusive,
        };
        Buffer buffer;
        VulkanResults.Check(vk.CreateBuffer(handle, &create, null, &buffer), "vkCreateBuffer");
        DeviceMemory memory = default;
        try
        {
            MemoryRequirements requirements;
            vk.GetBufferMemoryRequirements(handle, buffer, &requirements);
            MemoryPropertyFlags required = hostVisible ? MemoryPropertyFlags.HostVisibleBit | MemoryPropertyFlags.HostCoherentBit : MemoryPropertyFlags.DeviceLocalBit;
            int type = device.FindMemoryType(requirements.MemoryTypeBits, required, required);
            if (type < 0)
                throw new NotSupportedException($"Vulkan device {device.Physical.Info.Name} has no {(hostVisible ? "HOST_VISIBLE | HOST_COHERENT" : "DEVICE_LOCAL")} memory type for a storage buffer.");

            var flags = new MemoryAllocateFlagsInfo { SType = StructureType.MemoryAllocateFlagsInfo, Flags = MemoryAllocateFlags.DeviceAddressBit };
            var allocate = new MemoryAllocateInfo
            {
                SType = StructureType.MemoryAllocateInfo,
                PNext = addressable ? &flags : null,
                AllocationSize = requirements.Size,
                MemoryTypeIndex = (uint)type,
            };
            VulkanResults.Check(vk.AllocateMemory(handle, &allocate, null, &memory), "vkAllocateMemory");
            VulkanResults.Check(vk.BindBufferMemory(handle, buffer, memory, 0), "vkBindBufferMemory");

            byte* mapped = null;
            if (hostVisible)
            {
                void* pointer;
                VulkanResults.Check(vk.MapMemory(handle, memory, 0, Vk.WholeSize, 0, &pointer), "vkMapMemory");
                mapped = (byte*)pointer;
                CheckAlignment((ulong)mapped, alignment, "host");
                NativeMemory.Clear(mapped, (nuint)length);
            }

            ulong address = 0;
            if (addressable)
            {
                var info = new BufferDeviceAddressInfo { SType = StructureType.BufferDeviceAddressInfo, Buffer = buffer };
                address = vk.GetBufferDeviceAddress(handle, &info);
                CheckAlignment(address, alignment, "device");
            }

            MemorySpaceKind kind = !hostVisible ? MemorySpaceKind.Device
                : (device.MemoryTypeFlags(type) & MemoryPropertyFlags.DeviceLocalBit) != 0 ? MemorySpaceKind.Unified
                : MemorySpaceKind.PinnedHost;
            var result = new VulkanBuffer(device, kind, length, buffer, memory, mapped, address);
            device.Track(result);
            return result;
        }
        catch
        {
            if (memory.Handle != 0)
                vk.FreeMemory(handle, memory, null);
            vk.DestroyBuffer(handle, buffer, null);
            throw;
        }
    }

    protected override byte* GetHostPointer() => _mapped;

    protected override void Release()
    {
        // A buffer the device already freed when it was disposed has nothing left to release.
        if (!_device.Untrack(this))
            return;
        Vk vk = _device.Api;
        vk.DestroyBuffer(_device.Handle, _buffer, null);
        vk.FreeMemory(_device.Handle, _memory, null);
    }

    private static void CheckAlignment(ulong address, int alignment, string side)
    {
        if ((address & ((ulong)alignment - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, $"The Vulkan driver placed the buffer at {side} address 0x{address:X}, not aligned to {alignment} bytes; ask for a smaller alignment.");
    }
}
