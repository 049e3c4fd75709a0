using RingKernel.Actors;
using RingKernel.Actors.Events;
using RingKernel.Actors.Scheduling;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;

namespace RingKernel.Kernels.Actors;

/// <summary>
/// A ring kernel as a supervised actor (build its props with <see cref="KernelActorProps"/>). It launches
/// the kernel in <c>PreStart</c>; a message of a registered payload type becomes a slot in the kernel's
/// input ring, with a correlation id when it has a sender; an output pump turns the kernel's replies
/// into messages to this actor, which answers the sender (an error reply as a <see cref="Status.Failure"/>
/// with a <see cref="KernelRequestFailedException"/>) or, for output that answers no request, forwards
/// it to subscribers. A watchdog on the system's scheduler, and the kernel's completion, make the actor
/// throw a <see cref="KernelFaultedException"/> when the kernel faults or stalls, so that the parent's
/// supervisor strategy decides. The semantics per directive are in <c>Kernels/README.md</c>.
/// </summary>
public sealed class KernelActor<TArgs> : ActorBase
{
    private readonly KernelActorResources<TArgs> _r;
    private ICancelable? _watchdogTimer;
    private KernelWatchdog? _watchdog;

    internal KernelActor(KernelActorResources<TArgs> resources) => _r = resources;

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case KernelActorSignals.Output output:
                Route(output);
                return true;
            case KernelActorSignals.WatchdogTick:
                CheckHealth();
                return true;
            case KernelActorSignals.KernelEnded ended:
                OnKernelEnded(ended.Generation);
                return true;
            case KernelActorSignals.Recover recover:
                Recover(recover.Generation);
                return true;
            case KernelActorSignals.InputSpace:
                _r.InputWaiterArmed = false;
                FlushOverflow();
                return true;
            case SubscribeKernelOutput subscribe:
                if (!_r.Subscribers.Contains(subscribe.Subscriber))
                    _r.Subscribers.Add(subscribe.Subscriber);
                return true;
            case UnsubscribeKernelOutput unsubscribe:
                _r.Subscribers.Remove(unsubscribe.Subscriber);
                return true;
            case SaveKernelCheckpoint:
                BeginCheckpoint();
                return true;
            case KernelActorSignals.CheckpointPaused paused:
                FinishCheckpoint(paused);
                return true;
            default:
                if (!_r.Codecs.TryGet(message.GetType(), out KernelPayloadCodec codec))
                    return false;
                Send(message, codec);
                return true;
        }
    }

    /// <summary>First start: allocates the memory and starts the pump. Every start (also after a restart): launches the kernel over that memory.</summary>
    protected override void PreStart()
    {
        if (_r.Owner is null)
            Allocate();
        else if (!ReferenceEquals(_r.Owner, Self))
            throw new InvalidOperationException($"These kernel actor props already belong to {_r.Owner}; create props for every kernel actor.");

        TimeSpan interval = _r.Options.WatchdogInterval;
        _watchdogTimer = Context.System.Scheduler.ScheduleTellRepeatedly(interval, interval, Self, KernelActorSignals.WatchdogTick.Instance, Self);
        LaunchWhenEnded(fresh: true);
    }

    /// <summary>Keeps memory, pump and queued messages for the next instance; its <c>PreStart</c> ends the old kernel and relaunches.</summary>
    protected override void PreRestart(Exception reason, object? message)
    {
        _watchdogTimer?.Cancel();
        _watchdog = null;
    }

    /// <summary>
    /// A real stop: ends the kernel (after the message in hand), routes the replies already in the output
    /// ring, answers every request the kernel did not process with a failure (messages without a sender go
    /// to dead letters), and frees the memory.
    /// </summary>
    protected override void PostStop()
    {
        _watchdogTimer?.Cancel();
        if (!ReferenceEquals(_r.Owner, Self) || _r.Memory is not { } memory)
            return;
        try
        {
            _r.Kernel?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _r.Pump!.Close();
            _r.Lifetime!.Cancel();
            KernelOutputPump.DrainRing(memory.Output, _r.Codecs, Route);
            FailUnprocessed(memory);
        }
        finally
        {
            _r.Pump?.Dispose();
            _r.Lifetime?.Dispose();
            memory.Dispose();
            _r.Memory = null;
            _r.Kernel = null;
            _r.Pump = null;
            _r.Lifetime = null;
        }
    }

    private void Allocate()
    {
        LaunchOptions launch = _r.Definition.Options;
        RingKernelMemory memory = RingKernelMemory.Allocate(
            _r.Backend.MemorySpace, launch, _r.Options.Messages.CreateRegistry(launch.MessageSlotBytes - MessageHeader.Size), _r.Options.Checksummed);
        _r.Owner = Self;
        _r.Memory = memory;
        _r.Lifetime = new CancellationTokenSource();
        IActorRef self = Self;
        _r.Pump = new KernelOutputPump(memory.Output, _r.Codecs, output => self.Tell(output, self));
        _r.Pump.Start();
    }

    private void Send(object message, KernelPayloadCodec codec)
    {
        IActorRef sender = Sender;
        ulong correlationId = 0;
        if (!ReferenceEquals(sender, Context.System.DeadLetters) && !ReferenceEquals(sender, ActorRefs.Nobody))
        {
            correlationId = ++_r.LastCorrelationId;
            _r.Requests.Add(correlationId, sender);
        }

        var header = new MessageHeader { CorrelationId = correlationId };
        if (_r.Overflow.Count == 0 && codec.TryEnqueue(_r.Memory!.Input, message, in header))
            return;

        // Full: the message waits here (the mailbox is unbounded too), never dropped, behind older ones.
        _r.Overflow.Enqueue(new KernelActorResources<TArgs>.PendingInput(message, codec, header));
        ArmInputWaiter();
    }

    private void FlushOverflow()
    {
        while (_r.Overflow.TryPeek(out KernelActorResources<TArgs>.PendingInput pending))
        {
            if (!pending.Codec.TryEnqueue(_r.Memory!.Input, pending.Message, pending.Header))
            {
                ArmInputWaiter();
                return;
            }

            _r.Overflow.Dequeue();
        }
    }

    private void ArmInputWaiter()
    {
        if (_r.InputWaiterArmed)
            return;
        _r.InputWaiterArmed = true;
        _r.Memory!.Input.WaitForFreeSlotAsync(_r.Lifetime!.Token).AsTask().ContinueWith(
            static (task, self) =>
            {
                if (task.IsCompletedSuccessfully)
                    ((IActorRef)self!).Tell(KernelActorSignals.InputSpace.Instance, null);
            },
            Self,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void Route(KernelActorSignals.Output output)
    {
        object reply = output.IsError
            ? new Status.Failure(new KernelRequestFailedException(_r.Definition.Name, "the kernel faulted while processing it.", ((KernelFaultReply)output.Payload).ErrorCode))
            : output.Payload;
        if (output.CorrelationId != 0 && _r.Requests.Remove(output.CorrelationId, out IActorRef? requester))
        {
            requester.Tell(reply, Self);
            return;
        }

        if (_r.Subscribers.Count == 0)
        {
            Context.System.EventStream.Publish(new DeadLetter(reply, Self, ActorRefs.Nobody));
            return;
        }

        foreach (IActorRef subscriber in _r.Subscribers)
            subscriber.Tell(reply, Self);
    }

    /// <summary>Launches the next kernel now if the current one has ended, else ends it and launches when it has.</summary>
    private void LaunchWhenEnded(bool fresh)
    {
        IRingKernel? current = _r.Kernel;
        if (current is null || current.Completion.IsCompleted)
        {
            Launch(fresh);
            return;
        }

        _r.RelaunchPending = true;
        _r.RelaunchFresh = fresh;
        if (current.State is RingKernelState.Launched or RingKernelState.Active or RingKernelState.Inactive)
        {
            try
            {
                Observe(current.TerminateAsync());
            }
            catch (InvalidKernelTransitionException)
            {
                // It faulted meanwhile; its loop is ending either way, and KernelEnded follows.
            }
        }
    }

    private void Launch(bool fresh)
    {
        IRingKernel? previous = _r.Kernel;
        if (previous is not null)
        {
            // Answers the poison message with an error reply, so the new kernel does not fault on it again.
            // Waits only for room in the output ring, which the pump empties.
            if (previous.State == RingKernelState.Faulted && previous.FaultedOnMessage)
                RingKernelRecovery.SkipFaultedMessageAsync(previous).AsTask().GetAwaiter().GetResult();
            previous.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        if (fresh || previous is null)
        {
            TArgs args = _r.CreateArgs();
            if (_r.Checkpoint is { } checkpoint && _r.CheckpointBytes is { } bytes)
                checkpoint.Restore(args, bytes);
            _r.Args = args;
        }

        IRingKernel kernel = _r.Backend.CreateRingKernel(_r.Definition, _r.Args, _r.Memory!);
        int generation = ++_r.Generation;
        _r.Kernel = kernel;
        _r.RelaunchPending = false;
        _r.FaultReportedGeneration = -1;
        _r.ErrorCountAtLaunch = Volatile.Read(ref kernel.ControlBlock.ErrorCount);
        _watchdog = new KernelWatchdog(kernel, _r.Options.StallTimeout, Context.System.TimeProvider);
        kernel.Launch();
        Observe(kernel.ActivateAsync());
        IActorRef self = Self;
        kernel.Completion.ContinueWith(
            task =>
            {
                _ = task.Exception;
                self.Tell(new KernelActorSignals.KernelEnded(generation), null);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void OnKernelEnded(int generation)
    {
        if (generation != _r.Generation)
            return;
        if (_r.RelaunchPending)
            Launch(_r.RelaunchFresh);
        else
            ReportFault(FaultOf(_r.Kernel!));
    }

    private void CheckHealth()
    {
        if (_watchdog is null || _r.RelaunchPending || _r.FaultReportedGeneration == _r.Generation)
            return;
        IRingKernel kernel = _r.Kernel!;
        KernelHealth health = _watchdog.Check();
        ref ControlBlock control = ref kernel.ControlBlock;
        bool bodyFaultReported = Volatile.Read(ref control.ErrorCount) != _r.ErrorCountAtLaunch
            && Volatile.Read(ref control.LastError) == KernelErrorCodes.BodyFault;
        if (health == KernelHealth.Faulted || bodyFaultReported)
        {
            ReportFault(FaultOf(kernel));
        }
        else if (health == KernelHealth.Stalled)
        {
            ReportFault(new KernelFaultedException(
                kernel.Name, $"{kernel.Input.Ring.Count} messages waited while its heartbeat stood still for {_watchdog.StallTimeout}."));
        }
    }

    /// <summary>Throws <paramref name="fault"/> once per launch, after queueing the note that recovers the kernel if the actor is resumed.</summary>
    private void ReportFault(KernelFaultedException fault)
    {
        if (_r.FaultReportedGeneration == _r.Generation)
            return;
        _r.FaultReportedGeneration = _r.Generation;
        Self.Tell(new KernelActorSignals.Recover(_r.Generation), Self);
        throw fault;
    }

    /// <summary>
    /// After a Resume (a Restart launches in <c>PreStart</c> and makes this note stale): a kernel that has
    /// faulted is relaunched in place with the same arguments; a stalled one that still runs keeps running
    /// and gets a new stall timeout.
    /// </summary>
    private void Recover(int generation)
    {
        if (generation != _r.Generation || _r.RelaunchPending)
            return;
        IRingKernel kernel = _r.Kernel!;
        if (kernel.State == RingKernelState.Faulted || kernel.Completion.IsCompleted)
        {
            LaunchWhenEnded(fresh: false);
            return;
        }

        _r.FaultReportedGeneration = -1;
        _watchdog = new KernelWatchdog(kernel, _r.Options.StallTimeout, Context.System.TimeProvider);
    }

    private void BeginCheckpoint()
    {
        IActorRef requester = Sender;
        IRingKernel? kernel = _r.Kernel;
        if (_r.Checkpoint is null)
        {
            requester.Tell(new Status.Failure(new InvalidOperationException($"Kernel actor '{_r.Definition.Name}' has no checkpoint.")), Self);
            return;
        }

        if (kernel is null || _r.RelaunchPending || kernel.State != RingKernelState.Active)
        {
            requester.Tell(new Status.Failure(new InvalidOperationException($"Ring kernel '{_r.Definition.Name}' is {kernel?.State}; a checkpoint needs it active.")), Self);
            return;
        }

        int generation = _r.Generation;
        IActorRef self = Self;
        kernel.DeactivateAsync().ContinueWith(
            task =>
            {
                _ = task.Exception;
                self.Tell(new KernelActorSignals.CheckpointPaused(generation, requester), null);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void FinishCheckpoint(KernelActorSignals.CheckpointPaused paused)
    {
        IRingKernel? kernel = _r.Kernel;
        if (paused.Generation != _r.Generation || kernel is null || kernel.State != RingKernelState.Inactive)
        {
            paused.Requester.Tell(new Status.Failure(new InvalidOperationException($"Ring kernel '{_r.Definition.Name}' ended before its checkpoint was taken.")), Self);
            return;
        }

        // Deactivation was acknowledged: the kernel's thread is parked and touches nothing.
        byte[] bytes = _r.Checkpoint!.Save(_r.Args);
        _r.CheckpointBytes = bytes;
        ulong processed = Volatile.Read(ref kernel.ControlBlock.MessagesProcessed);
        Observe(kernel.ActivateAsync());
        paused.Requester.Tell(new KernelCheckpointSaved(bytes.Length, processed), Self);
    }

    /// <summary>Answers every request the kernel will not process now: unprocessed input, overflow, and replies not yet routed.</summary>
    private void FailUnprocessed(RingKernelMemory memory)
    {
        var unprocessed = new List<KernelActorSignals.Output>();
        KernelOutputPump.DrainRing(memory.Input, _r.Codecs, unprocessed.Add);
        foreach (KernelActorResources<TArgs>.PendingInput pending in _r.Overflow)
            unprocessed.Add(new KernelActorSignals.Output(pending.Header.CorrelationId, pending.Message, IsError: false));
        _r.Overflow.Clear();

        foreach (KernelActorSignals.Output message in unprocessed)
        {
            if (message.CorrelationId != 0 && _r.Requests.Remove(message.CorrelationId, out IActorRef? requester))
                requester.Tell(new Status.Failure(new KernelRequestFailedException(_r.Definition.Name, "the kernel actor stopped before the kernel processed it.", 0)), Self);
            else
                Context.System.EventStream.Publish(new DeadLetter(message.Payload, ActorRefs.Nobody, Self));
        }

        foreach (IActorRef requester in _r.Requests.Values)
            requester.Tell(new Status.Failure(new KernelRequestFailedException(_r.Definition.Name, "the kernel actor stopped before the kernel's reply reached it.", 0)), Self);
        _r.Requests.Clear();
    }

    private static void Observe(Task task) =>
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static KernelFaultedException FaultOf(IRingKernel kernel) =>
        kernel.Completion is { IsFaulted: true } completion && completion.Exception?.InnerException is KernelFaultedException fault
            ? fault
            : new KernelFaultedException(kernel.Name, $"it reported error code {Volatile.Read(ref kernel.ControlBlock.LastError)}.");
}
