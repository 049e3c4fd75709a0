using RingKernel.Rings;

namespace RingKernel.Kernels.Actors;

/// <summary>The Asks of one <see cref="KernelRef{TRequest, TReply}"/> that wait for a reply, seen by the output pump without their reply type.</summary>
internal abstract class KernelReplyTable
{
    /// <summary>Completes the Ask <paramref name="correlationId"/> names with the reply in <paramref name="message"/>; false when that Ask no longer waits.</summary>
    public abstract bool TryComplete(ulong correlationId, RingMessage message);

    /// <summary>Fails the Ask <paramref name="correlationId"/> names; false when it no longer waits.</summary>
    public abstract bool TryFail(ulong correlationId, Exception error);

    /// <summary>Fails every Ask still waiting.</summary>
    public abstract void FailAll(Exception error);

    /// <summary>Fails with a timeout every Ask whose deadline (a <see cref="System.Diagnostics.Stopwatch"/> timestamp) is before <paramref name="now"/>.</summary>
    public abstract void ExpireOverdue(long now);
}
