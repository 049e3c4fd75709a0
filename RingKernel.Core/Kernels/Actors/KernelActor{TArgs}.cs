using Akka.Actor;

namespace RingKernel.Kernels.Actors;

/// <summary>
/// A ring kernel as a supervised Akka.NET actor (props from <see cref="KernelActor"/>). It launches the
/// kernel in <c>PreStart</c>; a message of a registered payload type becomes a slot in the kernel's input
/// ring, with a correlation id when it has a sender; an output pump turns the kernel's replies into
/// messages to this actor, which answers the sender (an error reply as a <see cref="Status.Failure"/> with
/// a <see cref="KernelRequestFailedException"/>) or, for output that answers no request, forwards it to
/// subscribers. A watchdog on the system's scheduler and the kernel's end make the actor throw a
/// <see cref="Persistent.KernelFaultedException"/> when the kernel faults or stalls, so that the parent's
/// <see cref="SupervisorStrategy"/> decides. <see cref="GetKernelRef{TRequest, TReply}"/> gives the direct
/// path that bypasses the mailbox. The semantics per directive are in <c>Kernels/README.md</c>.
/// </summary>
/// <remarks>
/// The actor never blocks its dispatcher thread: waits on the kernel (its end, a checkpoint pause, the
/// retirement of a faulted instance) come back as messages, and the release after a stop runs on the
/// thread pool. Its concerns live in partial files: requests and routing, launch and watchdog,
/// checkpoints, release.
/// </remarks>
public sealed partial class KernelActor<TArgs> : UntypedActor
{
    private readonly KernelActorResources<TArgs> _r;

    internal KernelActor(KernelActorResources<TArgs> resources) => _r = resources;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case KernelActorSignals.Output output:
                Route(output);
                break;
            case KernelActorSignals.WatchdogTick:
                CheckHealth();
                break;
            case KernelActorSignals.KernelEnded ended:
                // Thrown here rather than deeper down: a throw costs per frame it unwinds, and this one is on every restart's path.
                if (OnKernelEnded(ended.Generation) is { } fault)
                    throw fault;
                break;
            case KernelActorSignals.Retired retired:
                OnRetired(retired.Generation);
                break;
            case KernelActorSignals.RetireFailed failed:
                OnRetireFailed(failed);
                break;
            case KernelActorSignals.Recover recover:
                Recover(recover.Generation);
                break;
            case KernelActorSignals.InputSpace:
                _r.Requests.InputWaiterArmed = false;
                FlushOverflow();
                break;
            case SubscribeKernelOutput subscribe:
                if (!_r.Subscribers.Contains(subscribe.Subscriber))
                    _r.Subscribers.Add(subscribe.Subscriber);
                break;
            case UnsubscribeKernelOutput unsubscribe:
                _r.Subscribers.Remove(unsubscribe.Subscriber);
                break;
            case IGetKernelRef get:
                AnswerKernelRef(get);
                break;
            case SaveKernelCheckpoint:
                BeginCheckpoint();
                break;
            case KernelActorSignals.CheckpointPaused paused:
                FinishCheckpoint(paused);
                break;
            default:
                if (_r.Codecs.TryGet(message.GetType(), out KernelPayloadCodec codec))
                    Send(message, codec);
                else
                    Unhandled(message);
                break;
        }
    }

    /// <summary>First start: allocates the memory and starts the pump. Every start (also after a restart): launches the kernel over that memory.</summary>
    protected override void PreStart()
    {
        if (_r.Owner is null)
        {
            _r.Allocate(Self);
            KernelActorLifetimes.For(Context.System).Add(Self, _r.Released);

            // One timer for the actor's whole life, restarts included (they keep its reference); the release cancels it.
            TimeSpan interval = _r.Options.WatchdogInterval;
            _r.Watchdog = Context.System.Scheduler.ScheduleTellRepeatedlyCancelable(interval, interval, Self, KernelActorSignals.WatchdogTick.Instance, ActorRefs.NoSender);
        }
        else if (!ReferenceEquals(_r.Owner, Self))
        {
            throw new InvalidOperationException($"These kernel actor props already belong to {_r.Owner}; create props for every kernel actor.");
        }

        LaunchWhenEnded(fresh: true);
    }

    /// <summary>Keeps memory, pump and queued messages for the next instance (Akka's default would stop it); its <c>PreStart</c> ends the old kernel and relaunches.</summary>
    protected override void PreRestart(Exception reason, object message)
    {
        _r.Launch.Watchdog = null;
        _r.Telemetry?.Restarted();
    }

    /// <summary>A real stop: the kernel is ended and its memory freed on the thread pool (see <see cref="ReleaseAsync"/>).</summary>
    protected override void PostStop()
    {
        if (ReferenceEquals(_r.Owner, Self) && _r.Memory is not null)
            _ = ReleaseAsync(Context.System, Self);
    }

    private void AnswerKernelRef(IGetKernelRef get)
    {
        try
        {
            Sender.Tell(get.Resolve(_r), Self);
        }
        catch (ArgumentException error)
        {
            Sender.Tell(new Status.Failure(error), Self);
        }
    }
}
