using Akka.Actor;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;

namespace RingKernel.Kernels.Actors;

/// <summary>Launching and relaunching the kernel, and watching it: faults and stalls become a <see cref="KernelFaultedException"/> for the parent.</summary>
public sealed partial class KernelActor<TArgs>
{
    /// <summary>Launches the next kernel now if the current one has ended, else ends it and launches when it has (a <see cref="KernelActorSignals.KernelEnded"/> follows).</summary>
    private void LaunchWhenEnded(bool fresh)
    {
        KernelLaunchState<TArgs> launch = _r.Launch;
        launch.RelaunchPending = true;
        launch.RelaunchFresh = fresh;
        IRingKernel? current = launch.Kernel;
        if (current is null || current.Completion.IsCompleted)
        {
            Retire(current);
            return;
        }

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

    /// <summary>Retires the ended kernel for a pending relaunch; else returns its fault for <c>OnReceive</c> to throw (null when it was reported already).</summary>
    private KernelFaultedException? OnKernelEnded(int generation)
    {
        KernelLaunchState<TArgs> launch = _r.Launch;
        if (generation != launch.Generation)
            return null;
        if (launch.RelaunchPending)
        {
            if (!launch.Retiring)
                Retire(launch.Kernel);
            return null;
        }

        return FaultToReport(FaultOf(launch.Kernel!));
    }

    /// <summary>
    /// Answers the ended kernel's poison message with an error reply (so its successor does not fault on
    /// it again; this waits only for room in the output ring, which the pump empties) and disposes it, on
    /// the thread pool when it must wait; <see cref="KernelActorSignals.Retired"/> then launches the successor.
    /// </summary>
    private void Retire(IRingKernel? ended)
    {
        KernelLaunchState<TArgs> launch = _r.Launch;
        int generation = launch.Generation;
        if (ended is null)
        {
            Launch();
            return;
        }

        if (launch.Retiring)
            return;

        // Usually nothing waits (the output ring has room, the ended instance has nothing left to finish): launch at once.
        Task retiring = RetireAsync(ended);
        if (retiring.IsCompletedSuccessfully)
        {
            Launch();
            return;
        }

        launch.Retiring = true;
        retiring.PipeTo(
            Self,
            success: () => new KernelActorSignals.Retired(generation),
            failure: cause => new KernelActorSignals.RetireFailed(generation, cause));

        static async Task RetireAsync(IRingKernel ended)
        {
            if (ended.State == RingKernelState.Faulted && ended.FaultedOnMessage)
                await RingKernelRecovery.SkipFaultedMessageAsync(ended).ConfigureAwait(false);
            await ended.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void OnRetired(int generation)
    {
        if (generation == _r.Launch.Generation && _r.Launch.RelaunchPending)
        {
            _r.Launch.Retiring = false;
            Launch();
        }
    }

    private void OnRetireFailed(KernelActorSignals.RetireFailed failed)
    {
        if (failed.Generation != _r.Launch.Generation)
            return;
        _r.Launch.Retiring = false;
        throw new KernelFaultedException(_r.Definition.Name, "its ended instance could not be retired before a relaunch.", failed.Cause);
    }

    private void Launch()
    {
        KernelLaunchState<TArgs> launch = _r.Launch;
        bool fresh = launch.RelaunchFresh || launch.Kernel is null;
        if (fresh)
        {
            TArgs args = _r.CreateArgs();
            _r.Checkpoints.RestoreInto(args);
            launch.Args = args;
        }

        IRingKernel kernel = _r.Options.Placement is { } placement
            ? _r.Backend.CreateRingKernel(_r.Definition, launch.Args, _r.Memory!, placement)
            : _r.Backend.CreateRingKernel(_r.Definition, launch.Args, _r.Memory!);
        int generation = ++launch.Generation;
        launch.Kernel = kernel;
        launch.RelaunchPending = false;
        launch.FaultReportedGeneration = -1;
        launch.ErrorCountAtLaunch = Volatile.Read(ref kernel.ControlBlock.ErrorCount);
        launch.Watchdog = WatchdogFor(kernel);
        kernel.Launch();
        _r.Telemetry!.Launched();
        kernel.Activate();
        IActorRef self = Self;
        KernelOutputPump pump = _r.Pump!;
        kernel.OnEnded(() =>
        {
            self.Tell(new KernelActorSignals.KernelEnded(generation), ActorRefs.NoSender);
            pump.KernelEnded();
        });
        Context.System.EventStream.Publish(new KernelLaunched(Self, _r.Definition.Name, generation, fresh));
    }

    private void CheckHealth()
    {
        KernelLaunchState<TArgs> launch = _r.Launch;
        if (!launch.Watching)
            return;
        IRingKernel kernel = launch.Kernel!;
        KernelWatchdog watchdog = launch.Watchdog!;
        KernelHealth health = watchdog.Check();
        ref ControlBlock control = ref kernel.ControlBlock;
        bool bodyFaultReported = Volatile.Read(ref control.ErrorCount) != launch.ErrorCountAtLaunch
            && Volatile.Read(ref control.LastError) == KernelErrorCodes.BodyFault;
        KernelFaultedException? fault = null;
        if (health == KernelHealth.Faulted || bodyFaultReported)
        {
            fault = FaultToReport(FaultOf(kernel));
        }
        else if (health == KernelHealth.Stalled)
        {
            _r.Telemetry!.WatchdogTripped();
            fault = FaultToReport(new KernelFaultedException(
                kernel.Name, $"{kernel.Input.Ring.Count} messages waited while its heartbeat stood still for {watchdog.StallTimeout}."));
        }

        if (fault is not null)
            throw fault;
    }

    /// <summary>
    /// <paramref name="fault"/> the first time a launch reports one, after queueing the note that recovers
    /// the kernel if the actor is resumed; null after that. The caller throws it, so that the parent decides.
    /// </summary>
    private KernelFaultedException? FaultToReport(KernelFaultedException fault)
    {
        KernelLaunchState<TArgs> launch = _r.Launch;
        if (launch.FaultReportedGeneration == launch.Generation)
            return null;
        launch.FaultReportedGeneration = launch.Generation;
        _r.Telemetry!.Faulted();
        Self.Tell(new KernelActorSignals.Recover(launch.Generation), Self);
        return fault;
    }

    /// <summary>
    /// After a Resume (a Restart launches in <c>PreStart</c> and makes this note stale): a kernel that has
    /// faulted is relaunched in place with the same arguments; a stalled one that still runs keeps running
    /// and gets a new stall timeout.
    /// </summary>
    private void Recover(int generation)
    {
        KernelLaunchState<TArgs> launch = _r.Launch;
        if (generation != launch.Generation || launch.RelaunchPending)
            return;
        IRingKernel kernel = launch.Kernel!;
        if (kernel.State == RingKernelState.Faulted || kernel.Completion.IsCompleted)
        {
            LaunchWhenEnded(fresh: false);
            return;
        }

        launch.FaultReportedGeneration = -1;
        launch.Watchdog = WatchdogFor(kernel);
    }

    /// <summary>A fresh stall timeout for <paramref name="kernel"/>, measured on the actor system's scheduler clock.</summary>
    private KernelWatchdog WatchdogFor(IRingKernel kernel) =>
        new(kernel, _r.Options.StallTimeout, new SchedulerTimeProvider(Context.System.Scheduler));

    private static void Observe(Task task) =>
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static KernelFaultedException FaultOf(IRingKernel kernel) =>
        kernel.Completion is { IsFaulted: true } completion && completion.Exception?.InnerException is KernelFaultedException fault
            ? fault
            : new KernelFaultedException(kernel.Name, $"it reported error code {Volatile.Read(ref kernel.ControlBlock.LastError)}.");
}
