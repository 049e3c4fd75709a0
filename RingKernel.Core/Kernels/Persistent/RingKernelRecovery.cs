using RingKernel.Layouts;

namespace RingKernel.Kernels.Persistent;

/// <summary>
/// What a supervisor does with the message a kernel faulted on before relaunching it over the same
/// memory: the message is taken out of the input ring and answered with a <see cref="KernelFaultReply"/>
/// error. Akka drops the message an actor failed on; a kernel that retried it would fault on a poison
/// message for ever. Every other unprocessed message stays queued for the relaunched kernel.
/// </summary>
public static class RingKernelRecovery
{
    /// <summary>
    /// Removes the message <paramref name="faulted"/> was processing when it faulted and sends the
    /// error reply on its output ring (waiting while that is full); returns the removed message's
    /// header, or null when the kernel faulted between messages.
    /// </summary>
    /// <exception cref="InvalidOperationException">The kernel is not faulted (another consumer may be running).</exception>
    public static async ValueTask<MessageHeader?> SkipFaultedMessageAsync(IRingKernel faulted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(faulted);
        if (faulted.State != RingKernelState.Faulted)
            throw new InvalidOperationException($"Ring kernel '{faulted.Name}' is {faulted.State}; only a faulted kernel's message can be skipped.");
        if (!faulted.FaultedOnMessage)
            return null;

        MessageHeader request = TakeHead(faulted);
        var reply = new MessageHeader
        {
            CorrelationId = request.CorrelationId,
            DestinationId = request.SourceId,
            Flags = MessageFlags.Reply | MessageFlags.Error,
        };

        // The faulted kernel no longer produces, so the host is the output ring's only producer here.
        await faulted.Output.EnqueueAsync(new KernelFaultReply(KernelErrorCodes.BodyFault), reply, cancellationToken).ConfigureAwait(false);
        return request;
    }

    private static unsafe MessageHeader TakeHead(IRingKernel faulted)
    {
        byte* slot = faulted.Input.PeekUncommitted(0, out _);
        if (slot == null)
            throw new InvalidOperationException($"Ring kernel '{faulted.Name}' faulted on a message that is no longer in its input ring.");
        MessageHeader header = *(MessageHeader*)slot;
        faulted.Input.Commit(1);
        return header;
    }
}
