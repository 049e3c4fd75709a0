using RingKernel.Layouts;
using RingKernel.Rings;

namespace RingKernel.Kernels.Persistent;

/// <summary>
/// The host side that every backend's ring kernel shares, and the class a backend derives its ring
/// kernel from: its name and memory, the lifecycle state machine, lifecycle commands posted through
/// the control block and awaited until the kernel acknowledges them, and the completion that says how
/// the kernel's loop ended.
/// </summary>
/// <remarks>
/// A backend implements <see cref="Launch"/>: it calls <see cref="EnterLaunched"/>, starts its loop,
/// and has the loop follow <see cref="Commands"/> (act on each new epoch, then acknowledge it). When
/// the loop ends it calls <see cref="ReportTerminated"/> or <see cref="ReportFaulted"/> once.
/// </remarks>
public abstract class RingKernelBase : IRingKernel
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _endedGate = new();
    private volatile bool _faultedOnMessage;
    private List<Action>? _onEnded = [];

    /// <summary>A kernel named <paramref name="name"/> over <paramref name="memory"/>, which it does not own (a relaunch reuses it).</summary>
    protected RingKernelBase(string name, RingKernelMemory memory)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(memory);
        Name = name;
        Memory = memory;
        Lifecycle = new RingKernelLifecycle(name);
        Commands = new RingKernelCommands(memory);
    }

    public string Name { get; }

    public RingKernelState State => Lifecycle.State;

    public RingKernelMemory Memory { get; }

    public MessageRing Input => Memory.Input;

    public MessageRing Output => Memory.Output;

    public ref ControlBlock ControlBlock => ref Memory.ControlBlock;

    public Task Completion => _completion.Task;

    public bool FaultedOnMessage => _faultedOnMessage;

    /// <summary>The command words the kernel's loop follows and acknowledges.</summary>
    protected RingKernelCommands Commands { get; }

    private RingKernelLifecycle Lifecycle { get; }

    /// <summary>Starts the kernel's loop: a backend calls <see cref="EnterLaunched"/> first, then starts the loop on its threads or device.</summary>
    public abstract void Launch();

    public Task ActivateAsync(CancellationToken cancellationToken = default)
        => AcknowledgedAsync(PostActive(), cancellationToken);

    public void Activate() => PostActive();

    public Task DeactivateAsync(CancellationToken cancellationToken = default)
    {
        Lifecycle.MoveTo(RingKernelState.Inactive);
        return AcknowledgedAsync(Commands.Post(KernelCommand.None), cancellationToken);
    }

    public Task TerminateAsync(CancellationToken cancellationToken = default)
    {
        if (Lifecycle.TryMoveTo(RingKernelState.Terminated, out RingKernelState from) && from == RingKernelState.Faulted)
            return Task.CompletedTask;
        Lifecycle.MoveTo(RingKernelState.Terminating);
        Commands.Post(KernelCommand.Terminate);
        return _completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Terminates a running kernel and waits for its loop to end; a fault it reports is not rethrown here.</summary>
    public async ValueTask DisposeAsync()
    {
        if (State is RingKernelState.Launched or RingKernelState.Active or RingKernelState.Inactive)
        {
            try
            {
                await TerminateAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is KernelFaultedException or InvalidKernelTransitionException)
            {
                // It faulted or was terminated meanwhile; either way its loop has ended or is ending.
            }
        }

        if (State is RingKernelState.Terminating or RingKernelState.Terminated)
            await _completion.Task.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    public void OnEnded(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_endedGate)
        {
            if (_onEnded is { } waiting)
            {
                waiting.Add(callback);
                return;
            }
        }

        callback();
    }

    /// <summary>Moves to Launched and clears the command a previous instance over the same memory left behind.</summary>
    protected void EnterLaunched()
    {
        Lifecycle.MoveTo(RingKernelState.Launched);
        Commands.Post(KernelCommand.None);
    }

    /// <summary>The loop ended on a terminate: what it committed stays committed.</summary>
    protected void ReportTerminated()
    {
        Lifecycle.TryMoveTo(RingKernelState.Terminated, out _);
        _completion.TrySetResult();
        CallEnded();
    }

    /// <summary>The loop ended by <paramref name="fault"/>; <paramref name="onMessage"/> when the message in hand stays first in the input ring.</summary>
    protected void ReportFaulted(KernelFaultedException fault, bool onMessage)
    {
        _faultedOnMessage = onMessage;
        Lifecycle.TryMoveTo(RingKernelState.Faulted, out _);
        Commands.WakeWaiters();
        _completion.TrySetException(fault);

        // Observed here: the owner hears of the fault through OnEnded or Completion, and one that only
        // listens on OnEnded would otherwise leave an unobserved exception (or need a continuation that
        // runs on the thread pool for nothing).
        _ = _completion.Task.Exception;
        CallEnded();
    }

    private void CallEnded()
    {
        List<Action>? callbacks;
        lock (_endedGate)
        {
            callbacks = _onEnded;
            _onEnded = null;
        }

        foreach (Action callback in callbacks ?? [])
            callback();
    }

    private uint PostActive()
    {
        Lifecycle.MoveTo(RingKernelState.Active);
        return Commands.Post(KernelCommand.Active);
    }

    private async Task AcknowledgedAsync(uint epoch, CancellationToken cancellationToken)
    {
        await Commands.WaitForAcknowledgementAsync(epoch, _completion.Task, cancellationToken).ConfigureAwait(false);

        // A kernel that acted on the command and faulted right after still acknowledged it.
        if ((int)(Commands.AcknowledgedEpoch - epoch) < 0 && _completion.Task.IsFaulted)
            await _completion.Task.ConfigureAwait(false);
    }
}
