using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.TestKernels.Vulkan;
using RingKernel.Vulkan;

namespace RingKernel.Tests.Vulkan;

/// <summary>
/// A shader that includes the generated ringkernel_layouts.glsl reads and writes a ControlBlock and
/// MessageHeaders on the device; the host reads them through the C# structs, field by field.
/// </summary>
public sealed class VulkanLayoutTests
{
    [SkippableFact]
    public void ControlBlockAndMessageHeadersRoundTripThroughTheGeneratedGlslLayouts()
    {
        VulkanFacts.SkipUnlessAvailable();
        using var backend = new VulkanBackend();
        const int count = 70;
        const uint typeId = 0xABCD1234;
        using DeviceBuffer control = backend.MemorySpace.Allocate(ControlBlock.Size);
        using DeviceBuffer messages = backend.MemorySpace.Allocate(count * MessageHeader.Size);
        ref ControlBlock block = ref control.AsRef<ControlBlock>(0);
        block.Command = KernelCommand.Active;
        block.KernelId = 0x1234_5678;
        block.HostClock = 0x0123_4567_89AB_CDEF;
        block.ClockNode = 42;
        block.CommandEpoch = 7;
        var kernel = VulkanKernels.LayoutProbe(count, workgroupSize: 32);

        backend.Dispatch(kernel, new LayoutProbeArgs(control, messages, count, typeId));
        backend.Dispatch(kernel, new LayoutProbeArgs(control, messages, count, typeId));

        Assert.Equal(KernelCommand.Active, block.Command);
        Assert.Equal(0x1234_5678u, block.KernelId);
        Assert.Equal(0x0123_4567_89AB_CDEFUL, block.HostClock);
        Assert.Equal(2UL, block.Heartbeat);
        Assert.Equal(2UL * count, block.MessagesSent);
        Assert.Equal(0UL, block.MessagesProcessed);
        Assert.Equal(0x0123_4567_89AB_CDF0UL, block.KernelClock);
        Assert.Equal(KernelStatus.Idle, block.Status);
        Assert.Equal(7u, block.AcknowledgedEpoch);
        Assert.Equal(0u, block.LastError);
        for (int i = 0; i < count; i++)
        {
            MessageHeader header = messages.AsRef<MessageHeader>(i * MessageHeader.Size);
            Assert.Equal((0x1234_5678UL << 32) | (uint)(i + 1), header.MessageId);
            Assert.Equal(0x0123_4567_89AB_CDEFUL ^ (uint)i, header.CorrelationId);
            Assert.Equal(0x0123_4567_89AB_CDEFUL, header.Timestamp);
            Assert.Equal(0xFFFF_FFFF_0000_0000UL | (uint)i, header.Deadline);
            Assert.Equal(typeId, header.TypeId);
            Assert.Equal(0x1234_5678u, header.SourceId);
            Assert.Equal((uint)i, header.DestinationId);
            Assert.Equal(4u * (uint)i, header.PayloadSize);
            Assert.Equal(0xC0FFEE00u + (uint)i, header.Checksum);
            Assert.Equal(MessageFlags.Reply, header.Flags);
            Assert.Equal(42u, header.TimestampNode);
            Assert.Equal(0u, header.Reserved);
        }
    }
}
