namespace RingKernel.Vulkan.RingKernels;

/// <summary>How the Vulkan backend runs the ring kernels it creates.</summary>
public sealed class VulkanRingKernelOptions
{
    private readonly uint _pollIterations = 20_000;
    private readonly uint _maxMessagesPerDispatch = 4096;

    public VulkanRingKernelMode Mode { get; init; } = VulkanRingKernelMode.EventDriven;

    /// <summary>In <see cref="VulkanRingKernelMode.BoundedPersistent"/> mode, the idle polls a dispatch makes before it returns (at least 1).</summary>
    public uint PollIterations
    {
        get => _pollIterations;
        init => _pollIterations = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(PollIterations), value, "A persistent dispatch polls at least once.");
    }

    /// <summary>The most messages one dispatch processes before it returns, so one busy kernel cannot hold the queue for ever (at least 1).</summary>
    public uint MaxMessagesPerDispatch
    {
        get => _maxMessagesPerDispatch;
        init => _maxMessagesPerDispatch = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxMessagesPerDispatch), value, "A dispatch processes at least one message.");
    }

    public override string ToString() =>
        Mode == VulkanRingKernelMode.EventDriven ? "event-driven" : $"bounded persistent ({PollIterations} idle polls)";
}
