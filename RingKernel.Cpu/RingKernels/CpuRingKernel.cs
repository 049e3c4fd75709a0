using RingKernel.Cpu.Workgroups;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using RingKernel.Rings;

namespace RingKernel.Cpu.RingKernels;

/// <summary>
/// A persistent ring kernel on the CPU: one dedicated OS thread runs its single workgroup for the
/// kernel's whole life. A per-message body is called in a receive loop; a per-thread body's
/// coroutines live as long as the kernel (their loop calls <see cref="RingKernelContext.Receive"/>),
/// so nothing is allocated per message.
/// </summary>
internal sealed class CpuRingKernel<TArgs> : IRingKernel
{
    private readonly KernelDefinition<TArgs> _kernel;
    private readonly TArgs _args;
    private readonly RingKernelLifecycle _lifecycle;
    private readonly RingKernelCommands _commands;
    private readonly RingKernelContext _context;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _faultedOnMessage;

    public CpuRingKernel(KernelDefinition<TArgs> kernel, TArgs args, RingKernelMemory memory)
    {
        _kernel = kernel;
        _args = args;
        Memory = memory;
        _lifecycle = new RingKernelLifecycle(kernel.Name);
        _commands = new RingKernelCommands(memory);
        _context = new RingKernelContext(kernel.Name, memory, _commands);
    }

    public string Name => _kernel.Name;

    public RingKernelState State => _lifecycle.State;

    public RingKernelMemory Memory { get; }

    public MessageRing Input => Memory.Input;

    public MessageRing Output => Memory.Output;

    public ref ControlBlock ControlBlock => ref Memory.ControlBlock;

    public Task Completion => _completion.Task;

    public bool FaultedOnMessage => _faultedOnMessage;

    public void Launch()
    {
        _lifecycle.MoveTo(RingKernelState.Launched);

        // A relaunch over the same memory must not inherit the last instance's command.
        _commands.Post(KernelCommand.None);
        var thread = new Thread(Run)
        {
            IsBackground = true,
            Name = $"ring kernel {Name}",
        };
        thread.Start();
    }

    public Task ActivateAsync(CancellationToken cancellationToken = default)
    {
        _lifecycle.MoveTo(RingKernelState.Active);
        return AcknowledgedAsync(_commands.Post(KernelCommand.Active), cancellationToken);
    }

    public Task DeactivateAsync(CancellationToken cancellationToken = default)
    {
        _lifecycle.MoveTo(RingKernelState.Inactive);
        return AcknowledgedAsync(_commands.Post(KernelCommand.None), cancellationToken);
    }

    public Task TerminateAsync(CancellationToken cancellationToken = default)
    {
        if (_lifecycle.TryMoveTo(RingKernelState.Terminated, out RingKernelState from) && from == RingKernelState.Faulted)
            return Task.CompletedTask;
        _lifecycle.MoveTo(RingKernelState.Terminating);
        _commands.Post(KernelCommand.Terminate);
        return _completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Terminates a running kernel and waits for its thread; a fault it reports is not rethrown here.</summary>
    public async ValueTask DisposeAsync()
    {
        RingKernelState state = State;
        if (state is RingKernelState.Launched or RingKernelState.Active or RingKernelState.Inactive)
        {
            try
            {
                await TerminateAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is KernelFaultedException or InvalidKernelTransitionException)
            {
                // It faulted or was terminated meanwhile; either way its thread has ended or is ending.
            }
        }

        if (State is RingKernelState.Terminating or RingKernelState.Terminated)
            await _completion.Task.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
    }

    private async Task AcknowledgedAsync(uint epoch, CancellationToken cancellationToken)
    {
        await _commands.WaitForAcknowledgementAsync(epoch, _completion.Task, cancellationToken).ConfigureAwait(false);

        // A kernel that acted on the command and faulted right after still acknowledged it.
        if ((int)(_commands.AcknowledgedEpoch - epoch) < 0 && _completion.Task.IsFaulted)
            await _completion.Task.ConfigureAwait(false);
    }

    private void Run()
    {
        _context.Start();
        try
        {
            RunBody();
            if (!_context.IsTerminating)
                throw new InvalidOperationException("The kernel body returned before the kernel was terminated; a ring kernel's body loops until Receive returns false.");
        }
        catch (Exception ex) when (!(_context.IsTerminating && IsCancellation(ex)))
        {
            _faultedOnMessage = _context.Fault();
            _lifecycle.TryMoveTo(RingKernelState.Faulted, out _);
            _completion.TrySetException(new KernelFaultedException(Name, $"its body threw {ex.GetType().Name}: {ex.Message}", ex));
            return;
        }
        catch (Exception)
        {
            // Terminated while waiting for room in the output ring: the message in hand stays in the input ring.
        }

        _context.Exit();
        _lifecycle.TryMoveTo(RingKernelState.Terminated, out _);
        _completion.TrySetResult();
    }

    private void RunBody()
    {
        if (_kernel.CpuMessageBody is { } messageBody)
        {
            RingKernelContext context = _context;
            while (context.Receive())
            {
                try
                {
                    messageBody(context, _args);
                }
                catch (Exception ex) when (!(context.IsTerminating && IsCancellation(ex)))
                {
                    throw new KernelExecutionException(Name, default, threadId: null, barriersPassed: 0, ex);
                }

                context.Complete();
            }

            return;
        }

        var scheduler = new WorkgroupScheduler();
        scheduler.Bind(_kernel);
        scheduler.AttachRingKernel(_context);
        scheduler.Run(_kernel, _args, workgroupIndex: 0);
    }

    private static bool IsCancellation(Exception ex) =>
        ex is OperationCanceledException || ex.InnerException is OperationCanceledException;
}
