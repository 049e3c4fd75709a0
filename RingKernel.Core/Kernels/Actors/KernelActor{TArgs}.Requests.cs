using Akka.Actor;
using Akka.Event;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;

namespace RingKernel.Kernels.Actors;

/// <summary>Messages from the mailbox into the input ring, and the kernel's output to whoever waits for it.</summary>
public sealed partial class KernelActor<TArgs>
{
    private void Send(object message, KernelPayloadCodec codec)
    {
        IActorRef sender = Sender;
        ulong correlationId = HasReplyAddress(sender) ? _r.Requests.Add(sender) : 0;
        var header = new MessageHeader { CorrelationId = correlationId };
        if (_r.Requests.Overflow.Count == 0 && codec.TryEnqueue(_r.Memory!.Input, message, in header))
            return;

        // Full: the message waits here (the mailbox is unbounded too), never dropped, behind older ones.
        _r.Requests.Overflow.Enqueue(new KernelRequestTable.PendingInput(message, codec, header));
        ArmInputWaiter();
    }

    private static bool HasReplyAddress(IActorRef? sender) =>
        sender is not null && !sender.IsNobody() && !ReferenceEquals(sender, Context.System.DeadLetters);

    private void FlushOverflow()
    {
        while (_r.Requests.Overflow.TryPeek(out KernelRequestTable.PendingInput pending))
        {
            if (!pending.Codec.TryEnqueue(_r.Memory!.Input, pending.Message, pending.Header))
            {
                ArmInputWaiter();
                return;
            }

            _r.Requests.Overflow.Dequeue();
        }
    }

    /// <summary>Waits, on the thread pool, for room in the input ring and tells the actor when there is; the ring gate keeps the memory alive meanwhile.</summary>
    private void ArmInputWaiter()
    {
        if (_r.Requests.InputWaiterArmed || !_r.Direct.Gate.TryEnter())
            return;
        _r.Requests.InputWaiterArmed = true;
        IActorRef self = Self;
        KernelRingGate gate = _r.Direct.Gate;
        _ = WaitForInputSpaceAsync(_r.Memory!, gate, self);

        static async Task WaitForInputSpaceAsync(RingKernelMemory memory, KernelRingGate gate, IActorRef self)
        {
            try
            {
                await memory.Input.WaitForFreeSlotAsync(gate.Closing).ConfigureAwait(false);
                self.Tell(KernelActorSignals.InputSpace.Instance, ActorRefs.NoSender);
            }
            catch (OperationCanceledException)
            {
                // The actor stopped; its release answers what waits in the overflow queue.
            }
            finally
            {
                gate.Exit();
            }
        }
    }

    private void Route(KernelActorSignals.Output output) => Route(output, _r, Self, Context.System);

    /// <summary>Delivers one message of the output ring: to its requester, else to the subscribers, else to dead letters (also used by the release after a stop).</summary>
    private static void Route(KernelActorSignals.Output output, KernelActorResources<TArgs> r, IActorRef self, ActorSystem system)
    {
        object reply = output.IsError
            ? new Status.Failure(KernelRequestFailedException.Faulted(r.Definition.Name, ((KernelFaultReply)output.Payload).ErrorCode))
            : output.Payload;
        if (KernelCorrelationIds.IsDirect(output.CorrelationId))
        {
            // A reply to a direct Ask that no longer waits (it timed out).
            system.EventStream.Publish(new DeadLetter(reply, self, ActorRefs.Nobody));
            return;
        }

        if (output.CorrelationId != 0 && r.Requests.TryTake(output.CorrelationId, out IActorRef? requester, (reply as Status.Failure)?.Cause))
        {
            requester.Tell(reply, self);
            return;
        }

        if (r.Subscribers.Count == 0)
        {
            system.EventStream.Publish(new DeadLetter(reply, self, ActorRefs.Nobody));
            return;
        }

        foreach (IActorRef subscriber in r.Subscribers)
            subscriber.Tell(reply, self);
    }
}
