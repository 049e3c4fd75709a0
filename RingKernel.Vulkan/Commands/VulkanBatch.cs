using RingKernel.Commands;
using Silk.NET.Vulkan;
using Semaphore = Silk.NET.Vulkan.Semaphore;

namespace RingKernel.Vulkan.Commands;

/// <summary>One command buffer of a <see cref="VulkanCommandQueue"/> on its way through the device, with what to do when it has run.</summary>
internal sealed class VulkanBatch(CommandBuffer commandBuffer) : DeviceQueueBatch<VulkanQueueSubmission>
{
    public CommandBuffer CommandBuffer { get; } = commandBuffer;

    public ulong SemaphoreValue { get; set; }

    public bool Submitted { get; set; }

    /// <summary>Commands recorded into the command buffer.</summary>
    public int Recorded { get; set; }

    /// <summary>Other batches' semaphore values the device waits for before running this one.</summary>
    public List<(Semaphore Semaphore, ulong Value)> Waits { get; } = [];

    public List<DescriptorPool> DescriptorPools { get; } = [];

    public int SetsLeft { get; set; }

    public int BuffersLeft { get; set; }

    public static VulkanBatch Failure(VulkanQueueSubmission submission, int from, Exception fault) =>
        new(default) { Submission = submission, Fault = fault, FailedFrom = from };
}
