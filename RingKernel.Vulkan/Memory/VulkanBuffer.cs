using System.Runtime.InteropServices;
using RingKernel.Memory;
using RingKernel.Vulkan.Devices;
using RingKernel.Vulkan.Interop;

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
    private readonly ulong _buffer;
    private readonly ulong _memory;
    private readonly byte* _mapped;
    private readonly ulong _deviceAddress;

    private VulkanBuffer(VulkanDevice device, MemorySpaceKind kind, long length, ulong buffer, ulong memory, byte* mapped, ulong deviceAddress)
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
    internal ulong Handle
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
        DeviceFunctions vk = device.Functions;
        nint handle = device.Handle;
        bool addressable = device.Physical.SupportsBufferDeviceAddress;

        var create = new VkBufferCreateInfo
        {
            SType = VkStructureType.BufferCreateInfo,
            // Whole 4-byte words, so vkCmdFillBuffer over the whole buffer zeroes every byte of Length.
            Size = ((ulong)length + 3) & ~3UL,
            Usage = VkConstants.BufferUsageStorage | VkConstants.BufferUsageTransferSrc | VkConstants.BufferUsageTransferDst
                | (addressable ? VkConstants.BufferUsageShaderDeviceAddress : 0),
            SharingMode = VkConstants.SharingExclusive,
        };
        ulong buffer;
        VulkanResults.Check(vk.CreateBuffer(handle, &create, null, &buffer), "vkCreateBuffer");
        ulong memory = 0;
        try
        {
            VkMemoryRequirements requirements;
            vk.GetBufferMemoryRequirements(handle, buffer, &requirements);
            uint required = hostVisible ? VkConstants.MemoryHostVisible | VkConstants.MemoryHostCoherent : VkConstants.MemoryDeviceLocal;
            int type = device.FindMemoryType(requirements.MemoryTypeBits, required, required);
            if (type < 0)
                throw new NotSupportedException($"Vulkan device {device.Physical.Info.Name} has no {(hostVisible ? "HOST_VISIBLE | HOST_COHERENT" : "DEVICE_LOCAL")} memory type for a storage buffer.");

            var flags = new VkMemoryAllocateFlagsInfo { SType = VkStructureType.MemoryAllocateFlagsInfo, Flags = VkConstants.MemoryAllocateDeviceAddress };
            var allocate = new VkMemoryAllocateInfo
            {
                SType = VkStructureType.MemoryAllocateInfo,
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
                VulkanResults.Check(vk.MapMemory(handle, memory, 0, VkConstants.WholeSize, 0, &pointer), "vkMapMemory");
                mapped = (byte*)pointer;
                CheckAlignment((ulong)mapped, alignment, "host");
                NativeMemory.Clear(mapped, (nuint)length);
            }

            ulong address = 0;
            if (addressable)
            {
                var info = new VkBufferDeviceAddressInfo { SType = VkStructureType.BufferDeviceAddressInfo, Buffer = buffer };
                address = vk.GetBufferDeviceAddress(handle, &info);
                CheckAlignment(address, alignment, "device");
            }

            MemorySpaceKind kind = !hostVisible ? MemorySpaceKind.Device
                : (device.MemoryTypeFlags(type) & VkConstants.MemoryDeviceLocal) != 0 ? MemorySpaceKind.Unified
                : MemorySpaceKind.PinnedHost;
            var result = new VulkanBuffer(device, kind, length, buffer, memory, mapped, address);
            device.Track(result);
            return result;
        }
        catch
        {
            if (memory != 0)
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
        DeviceFunctions vk = _device.Functions;
        vk.DestroyBuffer(_device.Handle, _buffer, null);
        vk.FreeMemory(_device.Handle, _memory, null);
    }

    private static void CheckAlignment(ulong address, int alignment, string side)
    {
        if ((address & ((ulong)alignment - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, $"The Vulkan driver placed the buffer at {side} address 0x{address:X}, not aligned to {alignment} bytes; ask for a smaller alignment.");
    }
}
