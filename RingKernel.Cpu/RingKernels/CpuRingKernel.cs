using RingKernel.Cpu.Kernels;
using RingKernel.Cpu.Workgroups;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;

namespace RingKernel.Cpu.RingKernels;

/// <summary>
/// A persistent ring kernel on the CPU. With a resumable body and cooperative scheduling it is a
/// coroutine on the backend's shared workers: each slice takes messages and calls the body until
/// the body or the ring makes it wait, and a resume, message or command queues it again. Otherwise
/// one dedicated OS thread (from <see cref="KernelThreads"/>, which keeps ended kernels' threads for
/// the next launch) runs its single workgroup for the kernel's whole life: a per-message or
/// resumable body is called in a receive loop; a per-thread body's coroutines live as long as the
/// kernel (their loop calls <see cref="RingKernelContext.Receive"/>), so nothing is allocated per message.
/// </summary>
internal sealed class CpuRingKernel<TArgs> : RingKernelBase
{
    private readonly KernelDefinition<TArgs> _kernel;
    private readonly CpuKernelBody<TArgs> _body;
    private readonly TArgs _args;
    private readonly RingKernelContext _context;
    private readonly CooperativeKernelRun? _cooperative;

    // One delegate for every arming: a ring withdraws an inline wake-up by identity.
    private readonly Action? _wakeCooperative;
    private readonly object _resumeGate = new();
    private bool _resumeRequested;

    /// <param name="kernel">The kernel.</param>
    /// <param name="body">Its CPU body.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="memory">Its rings and control block.</param>
    /// <param name="workers">The workers to run a resumable body on; null for a dedicated thread.</param>
    /// <param name="placement">Where among its siblings it runs on <paramref name="workers"/>; null to be dealt round-robin.</param>
    public CpuRingKernel(KernelDefinition<TArgs> kernel, CpuKernelBody<TArgs> body, TArgs args, RingKernelMemory memory, CooperativeKernelWorkers? workers, RingKernelPlacement? placement)
        : base(kernel.Name, memory)
    {
        _kernel = kernel;
        _body = body;
        _args = args;
        _context = new RingKernelContext(kernel.Name, memory, Commands);
        if (workers is not null && body.Resumable is not null)
        {
            _cooperative = new CooperativeKernelRun(workers, workers.HomeOf(placement), RunSlice, () => _context.InputMissedWhileArmed);
            _wakeCooperative = _cooperative.Wake;
        }
    }

    public override void Launch()
    {
        EnterLaunched();
        if (_cooperative is { } cooperative)
        {
            _context.Start();
            _context.OnResume(_wakeCooperative!);

            // A terminate must reach a kernel waiting for a resume with a message in hand.
            _context.TerminationToken.UnsafeRegister(static state => ((CooperativeKernelRun)state!).Wake(), cooperative);
            cooperative.Start();
            return;
        }

        KernelThreads.Shared.Run(Run);
    }

    private void Run()
    {
        _context.Start();
        Exception? fault;
        try
        {
            fault = RunBody();
            if (fault is null && !_context.IsTerminating)
                throw new InvalidOperationException("The kernel body returned before the kernel was terminated; a ring kernel's body loops until Receive returns false.");
        }
        catch (Exception ex)
        {
            fault = ex;
        }

        Finish(fault);
    }

    /// <summary>Ends the kernel: faulted by <paramref name="fault"/>, or terminated when there is none or it is a cancellation during a terminate.</summary>
    private void Finish(Exception? fault)
    {
        if (fault is not null && !(_context.IsTerminating && IsCancellation(fault)))
        {
            bool onMessage = _context.Fault();
            ReportFaulted(new KernelFaultedException(Name, fault), onMessage);
            return;
        }

        // Terminated, perhaps while waiting for room in the output ring or for a resume: the message in hand stays in the input ring.
        _context.Exit();
        ReportTerminated();
    }

    /// <summary>Runs the body's loop; returns the fault of a per-message body (not thrown again: a restart waits on this path), null when the loop ended.</summary>
    private KernelExecutionException? RunBody()
    {
        RingKernelContext context = _context;
        if (_body.Resumable is { } resumable)
        {
            _context.OnResume(Resumed);
            using CancellationTokenRegistration terminate = context.TerminationToken.UnsafeRegister(static state => ((CpuRingKernel<TArgs>)state!).Resumed(), this);
            while (context.Receive())
            {
                while (!CallResumable(resumable))
                {
                    lock (_resumeGate)
                    {
                        while (!_resumeRequested && !context.IsTerminating)
                            Monitor.Wait(_resumeGate);
                    }

                    if (context.IsTerminating)
                        return null;
                }

                context.Complete();
            }

            return null;
        }

        if (_body.Message is { } messageBody)
        {
            while (context.Receive())
            {
                try
                {
                    messageBody(context, _args);
                }
                catch (Exception ex) when (!(context.IsTerminating && IsCancellation(ex)))
                {
                    return new KernelExecutionException(Name, default, threadId: null, barriersPassed: 0, ex);
                }

                context.Complete();
            }

            return null;
        }

        var scheduler = new WorkgroupScheduler();
        scheduler.Bind(_kernel);
        scheduler.AttachRingKernel(context);
        scheduler.Run(_kernel, _body, _args, workgroupIndex: 0);
        return null;
    }

    /// <summary>Calls the resumable body once with the message in hand (a resume from now on calls it again); true when it is done with the message.</summary>
    private bool CallResumable(CpuResumableBody<TArgs> body)
    {
        // A full fence: a release could land after a resume that comes while the body looks at its
        // input, erasing it.
        Interlocked.Exchange(ref _resumeRequested, false);
        try
        {
            return body(_context, _args);
        }
        catch (Exception ex) when (!(_context.IsTerminating && IsCancellation(ex)))
        {
            throw new KernelExecutionException(Name, default, threadId: null, barriersPassed: 0, ex);
        }
    }

    /// <summary>Dedicated thread: wakes the thread if it waits for a resume.</summary>
    private void Resumed()
    {
        lock (_resumeGate)
        {
            _resumeRequested = true;
            Monitor.PulseAll(_resumeGate);
        }
    }

    /// <summary>Cooperative: runs the kernel until it must wait or has ended.</summary>
    private SliceOutcome RunSlice()
    {
        RingKernelContext context = _context;
        CpuResumableBody<TArgs> body = _body.Resumable!;
        context.DisarmWake();
        try
        {
            while (true)
            {
                if (context.HasMessage)
                {
                    if (context.IsTerminating)
                    {
                        Finish(null);
                        return SliceOutcome.Ended;
                    }

                    if (!CallResumable(body))
                        return SliceOutcome.Waiting;
                    context.Complete();
                }

                switch (context.TryReceive())
                {
                    case ReceiveOutcome.Message:
                        break;
                    case ReceiveOutcome.Terminate:
                        Finish(null);
                        return SliceOutcome.Ended;
                    default:
                        if (context.TryArmWake(_wakeCooperative!))
                            return SliceOutcome.WaitingForInput;
                        break;
                }
            }
        }
        catch (Exception ex)
        {
            Finish(ex);
            return SliceOutcome.Ended;
        }
    }

    private static bool IsCancellation(Exception ex) =>
        ex is OperationCanceledException || ex.InnerException is OperationCanceledException;
}
