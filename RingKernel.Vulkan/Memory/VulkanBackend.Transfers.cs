using RingKernel.Memory;
using RingKernel.Vulkan.Memory;
using Silk.NET.Vulkan;

namespace RingKernel.Vulkan;

// Moving bytes between the host and the backend's buffers outside command queues, each call waiting
// for the device: DEVICE_LOCAL buffers are filled and read back through a staging buffer.
public sealed unsafe partial class VulkanBackend
{
    /// <summary>A zeroed buffer in DEVICE_LOCAL memory: not host-accessible, filled and read back through <see cref="Upload"/> and <see cref="Download"/>.</summary>
    public VulkanBuffer AllocateDeviceLocal(long length, int alignment = DeviceBuffer.DefaultAlignment)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            VulkanBuffer buffer = VulkanBuffer.Create(_device, length, alignment, hostVisible: false);
            try
            {
                CommandBuffer commands = _submitter.Begin();
                _device.Api.CmdFillBuffer(commands, buffer.Handle, 0, Vk.WholeSize, 0);
                RecordBarrier(commands, PipelineStageFlags.TransferBit, AccessFlags.TransferWriteBit);
                Submit();
                return buffer;
            }
            catch
            {
                buffer.Dispose();
                throw;
            }
        }
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/> at byte <paramref name="offset"/>; through a staging buffer when the destination is device-local.</summary>
    public void Upload(ReadOnlySpan<byte> source, DeviceBuffer destination, long offset = 0)
    {
        VulkanBuffer target = OwnBuffer(destination, nameof(destination));
        CheckRange(target, offset, source.Length, nameof(offset));
        if (source.IsEmpty)
            return;
        if (target.IsHostAccessible)
        {
            source.CopyTo(target.AsSpan(offset, source.Length));
            return;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using VulkanBuffer staging = VulkanBuffer.Create(_device, source.Length, 16, hostVisible: true);
            source.CopyTo(staging.AsSpan());
            Copy(staging, 0, target, offset, source.Length);
        }
    }

    /// <summary>Copies bytes from <paramref name="source"/> at <paramref name="offset"/> into <paramref name="destination"/>; through a staging buffer when the source is device-local.</summary>
    public void Download(DeviceBuffer source, long offset, Span<byte> destination)
    {
        VulkanBuffer origin = OwnBuffer(source, nameof(source));
        CheckRange(origin, offset, destination.Length, nameof(offset));
        if (destination.IsEmpty)
            return;
        if (origin.IsHostAccessible)
        {
            origin.AsSpan(offset, destination.Length).CopyTo(destination);
            return;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using VulkanBuffer staging = VulkanBuffer.Create(_device, destination.Length, 16, hostVisible: true);
            Copy(origin, offset, staging, 0, destination.Length);
            staging.AsSpan().CopyTo(destination);
        }
    }

    private static void CheckRange(DeviceBuffer buffer, long offset, long length, string name)
    {
        if (offset < 0 || offset > buffer.Length - length)
            throw new ArgumentOutOfRangeException(name, offset, $"Range [{offset}, {offset + length}) is outside the buffer of {buffer.Length} bytes.");
    }

    private void Copy(VulkanBuffer source, long sourceOffset, VulkanBuffer destination, long destinationOffset, long length)
    {
        CommandBuffer commands = _submitter.Begin();
        var region = new BufferCopy { SrcOffset = (ulong)sourceOffset, DstOffset = (ulong)destinationOffset, Size = (ulong)length };
        _device.Api.CmdCopyBuffer(commands, source.Handle, destination.Handle, 1, &region);
        RecordBarrier(commands, PipelineStageFlags.TransferBit, AccessFlags.TransferWriteBit);
        Submit();
    }
}
