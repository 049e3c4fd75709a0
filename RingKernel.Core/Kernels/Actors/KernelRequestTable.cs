using Akka.Actor;
using RingKernel.Layouts;
using RingKernel.Telemetry;

namespace RingKernel.Kernels.Actors;

/// <summary>
/// The requests a kernel actor took from its mailbox: who waits for the reply to each correlation id (and
/// the request's telemetry, an Ask on the mailbox path), and the messages that found the input ring full,
/// oldest first (they go into the ring before anything newer; none is dropped). Only the actor's own
/// thread uses it, and after its stop the release that follows.
/// </summary>
internal sealed class KernelRequestTable(int expectedPending, string kernelName)
{
    private readonly Dictionary<ulong, PendingRequest> _requests = new(expectedPending);
    private readonly AskTelemetry _telemetry = new(kernelName, RingKernelTags.PathMailbox);
    private ulong _lastCorrelationId;

    /// <summary>Messages waiting for room in the input ring.</summary>
    public Queue<PendingInput> Overflow { get; } = new();

    /// <summary>Whether a wait for room in the input ring is in flight (it tells the actor when there is).</summary>
    public bool InputWaiterArmed { get; set; }

    /// <summary>A new correlation id whose reply goes to <paramref name="requester"/>.</summary>
    public ulong Add(IActorRef requester)
    {
        ulong id = ++_lastCorrelationId;
        _requests.Add(id, new PendingRequest(requester, _telemetry.Start()));
        return id;
    }

    /// <summary>Removes the request <paramref name="correlationId"/> names, whose outcome is <paramref name="failure"/> (null: its reply).</summary>
    public bool TryTake(ulong correlationId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IActorRef? requester, Exception? failure = null)
    {
        if (!_requests.Remove(correlationId, out PendingRequest pending))
        {
            requester = null;
            return false;
        }

        _telemetry.Stop(pending.Timing, failure);
        requester = pending.Requester;
        return true;
    }

    /// <summary>Every requester still waiting, removed from the table; their requests end with <paramref name="failure"/>.</summary>
    public List<IActorRef> TakeAll(Exception failure)
    {
        var all = new List<IActorRef>(_requests.Count);
        foreach (PendingRequest pending in _requests.Values)
        {
            _telemetry.Stop(pending.Timing, failure);
            all.Add(pending.Requester);
        }

        _requests.Clear();
        return all;
    }

    /// <summary>A message waiting for room in the input ring.</summary>
    internal readonly record struct PendingInput(object Message, KernelPayloadCodec Codec, MessageHeader Header);

    private readonly record struct PendingRequest(IActorRef Requester, AskTiming Timing);
}
