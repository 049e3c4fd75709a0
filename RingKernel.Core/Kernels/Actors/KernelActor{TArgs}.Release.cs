using Akka.Actor;
using Akka.Event;
using RingKernel.Kernels.Persistent;

namespace RingKernel.Kernels.Actors;

/// <summary>The release after a real stop: nothing waits unanswered, and the memory is freed once no thread uses it.</summary>
public sealed partial class KernelActor<TArgs>
{
    /// <summary>
    /// Runs on the thread pool after <c>PostStop</c>, when no actor instance touches the resources any more:
    /// closes the ring gate (typed references refuse, and their waits give up), ends the kernel after its
    /// message in hand, routes the replies already in the output ring, answers every request the kernel did
    /// not process with a failure (messages without a sender go to dead letters), then frees the memory and
    /// publishes <see cref="KernelReleased"/>.
    /// </summary>
    private async Task ReleaseAsync(ActorSystem system, IActorRef self)
    {
        KernelActorResources<TArgs> r = _r;
        RingKernelMemory memory = r.Memory!;
        r.Watchdog?.Cancel();
        try
        {
            await r.Direct.Gate.CloseAsync().ConfigureAwait(false);
            if (r.Launch.Kernel is { } kernel)
                await kernel.DisposeAsync().ConfigureAwait(false);
            r.Pump!.Close();
            KernelOutputPump.DrainRing(memory.Output, r.Codecs, r.Direct, output => Route(output, r, self, system));
            FailUnprocessed(memory, r, self, system);
        }
        catch (Exception error)
        {
            system.Log.Error(error, "Kernel actor {0}: its kernel did not end cleanly; its memory is freed anyway.", r.Definition.Name);
        }
        finally
        {
            r.Direct.FailAll(KernelRequestFailedException.StoppedBeforeReply(r.Definition.Name));
            r.Direct.Dispose();
            r.Pump?.Dispose();
            r.Telemetry?.Dispose();
            memory.Dispose();
            r.MarkReleased();
            system.EventStream.Publish(new KernelReleased(self, r.Definition.Name));
        }
    }

    /// <summary>Answers every request the kernel will not process now: unprocessed input, overflow, and replies not yet routed.</summary>
    private static void FailUnprocessed(RingKernelMemory memory, KernelActorResources<TArgs> r, IActorRef self, ActorSystem system)
    {
        string name = r.Definition.Name;
        var unprocessed = new List<KernelActorSignals.Output>();
        KernelOutputPump.DrainRing(memory.Input, r.Codecs, direct: null, unprocessed.Add);
        foreach (KernelRequestTable.PendingInput pending in r.Requests.Overflow)
            unprocessed.Add(new KernelActorSignals.Output(pending.Header.CorrelationId, pending.Message, IsError: false));
        r.Requests.Overflow.Clear();

        KernelRequestFailedException notProcessed = KernelRequestFailedException.StoppedBeforeProcessing(name);
        foreach (KernelActorSignals.Output message in unprocessed)
        {
            if (KernelCorrelationIds.IsDirect(message.CorrelationId))
                r.Direct.TryFail(message.CorrelationId, notProcessed);
            else if (message.CorrelationId != 0 && r.Requests.TryTake(message.CorrelationId, out IActorRef? requester, notProcessed))
                requester.Tell(new Status.Failure(notProcessed), self);
            else
                system.EventStream.Publish(new DeadLetter(message.Payload, ActorRefs.Nobody, self));
        }

        KernelRequestFailedException unanswered = KernelRequestFailedException.StoppedBeforeReply(name);
        foreach (IActorRef requester in r.Requests.TakeAll(unanswered))
            requester.Tell(new Status.Failure(unanswered), self);
    }
}
