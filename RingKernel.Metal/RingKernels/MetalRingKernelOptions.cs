namespace RingKernel.Metal.RingKernels;

/// <summary>
/// How the Metal backend runs the ring kernels it creates. They are always event-driven: Metal promises
/// no forward progress to a dispatch that never ends, and a running dispatch is not promised to see what
/// the host writes meanwhile, so a dispatch drains what is queued and returns, and the host dispatches
/// again when a producer publishes or a command is posted.
/// </summary>
public sealed class MetalRingKernelOptions
{
    private readonly uint _maxMessagesPerDispatch = 4096;

    /// <summary>The most messages one dispatch processes before it returns, so one busy kernel cannot hold the device for ever (at least 1).</summary>
    public uint MaxMessagesPerDispatch
    {
        get => _maxMessagesPerDispatch;
        init => _maxMessagesPerDispatch = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxMessagesPerDispatch), value, "A dispatch processes at least one message.");
    }

    public override string ToString() => $"event-driven, at most {MaxMessagesPerDispatch} messages a dispatch";
}
