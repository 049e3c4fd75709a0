using RingKernel.Commands;
using RingKernel.Vulkan.Memory;

namespace RingKernel.Vulkan.Commands;

/// <summary>
/// One submission to a <see cref="VulkanCommandQueue"/>: its number (the queue's Progress value when
/// it completes), its commands, and for an upload or download the staging buffer and host memory.
/// </summary>
internal sealed record VulkanQueueSubmission(ulong Number, QueueCommand[] Commands, VulkanBuffer? Staging, Memory<byte>? Download)
    : DeviceQueueSubmission(Number, Commands);
