using Akka.Actor;
using RingKernel.Layouts;

namespace RingKernel.Kernels.Actors;

/// <summary>
/// The requests a kernel actor took from its mailbox: who waits for the reply to each correlation id, and
/// the messages that found the input ring full, oldest first (they go into the ring before anything newer;
/// none is dropped). Only the actor's own thread uses it, and after its stop the release that follows.
/// </summary>
internal sealed class KernelRequestTable(int expectedPending)
{
    private readonly Dictionary<ulong, IActorRef> _requests = new(expectedPending);
    private ulong _lastCorrelationId;

    /// <summary>Messages waiting for room in the input ring.</summary>
    public Queue<PendingInput> Overflow { get; } = new();

    /// <summary>Whether a wait for room in the input ring is in flight (it tells the actor when there is).</summary>
    public bool InputWaiterArmed { get; set; }

    /// <summary>A new correlation id whose reply goes to <paramref name="requester"/>.</summary>
    public ulong Add(IActorRef requester)
    {
        ulong id = ++_lastCorrelationId;
        _requests.Add(id, requester);
        return id;
    }

    public bool TryTake(ulong correlationId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IActorRef? requester) =>
        _requests.Remove(correlationId, out requester);

    /// <summary>Every requester still waiting, removed from the table.</summary>
    public List<IActorRef> TakeAll()
    {
        var all = _requests.Values.ToList();
        _requests.Clear();
        return all;
    }

    /// <summary>A message waiting for room in the input ring.</summary>
    internal readonly record struct PendingInput(object Message, KernelPayloadCodec Codec, MessageHeader Header);
}
