using System.Collections.Concurrent;

namespace RingKernel.Cpu.RingKernels;

/// <summary>
/// The worker threads that run cooperative ring kernels (<see cref="CpuRingKernelScheduling.Cooperative"/>):
/// a fixed number, one per core, taking kernels that have something to do from one FIFO run queue
/// and running each until it must wait. Workers start when the first kernel is put on them and
/// end when the last has ended, so a backend holds no threads while it runs no kernel. Each worker
/// completes the input armings of the kernels it parked with one process-wide barrier per batch
/// (<see cref="PendingArmings"/>), before it idles.
/// </summary>
internal sealed class CooperativeKernelWorkers
{
    // Polls of the run queue before a worker parks: a tile's neighbour is usually microseconds
    // from waking it, and parking and waking cost about as much.
    private const int PollsBeforeParking = 64;

    private readonly ConcurrentQueue<CooperativeKernelRun> _ready = new();
    private readonly object _gate = new();
    private readonly int _workerCount;
    private int _kernels;
    private int _workers;
    private int _parked;

    public CooperativeKernelWorkers(int workerCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workerCount);
        _workerCount = workerCount;
    }

    /// <summary>A kernel started: make sure the workers run.</summary>
    public void Attach()
    {
        lock (_gate)
        {
            _kernels++;
            while (_workers < _workerCount)
            {
                _workers++;
                new Thread(Work) { IsBackground = true, Name = "cooperative ring kernels" }.Start();
            }
        }
    }

    /// <summary>A kernel ended: the workers end with the last one.</summary>
    public void Detach()
    {
        lock (_gate)
        {
            if (--_kernels == 0)
                Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Queues a kernel that has something to do, waking a parked worker.</summary>
    public void Enqueue(CooperativeKernelRun run)
    {
        _ready.Enqueue(run);

        // The enqueue is a full fence, and a parker counts itself before it looks at the queue: one of the two sees the other.
        if (Volatile.Read(ref _parked) > 0)
        {
            lock (_gate)
                Monitor.Pulse(_gate);
        }
    }

    private void Work()
    {
        var armings = new PendingArmings();
        while (true)
        {
            if (_ready.TryDequeue(out CooperativeKernelRun? run))
            {
                if (run.RunSlice())
                    armings.Add(run);
                if (armings.IsOverdue)
                    armings.Complete();
                continue;
            }

            // Before idling, make the armings hold: a kernel whose input came meanwhile is queued again.
            if (!armings.IsEmpty)
            {
                armings.Complete();
                continue;
            }

            if (Poll())
                continue;

            lock (_gate)
            {
                Interlocked.Increment(ref _parked);
                while (_ready.IsEmpty && _kernels > 0)
                    Monitor.Wait(_gate);
                Interlocked.Decrement(ref _parked);
                if (_ready.IsEmpty && _kernels == 0)
                {
                    _workers--;
                    return;
                }
            }
        }
    }

    private bool Poll()
    {
        for (int i = 0; i < PollsBeforeParking; i++)
        {
            Thread.SpinWait(32);
            if (!_ready.IsEmpty)
                return true;
        }

        return false;
    }
}
