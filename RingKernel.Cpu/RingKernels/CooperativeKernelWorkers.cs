using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using RingKernel.Kernels.Persistent;

namespace RingKernel.Cpu.RingKernels;

/// <summary>
/// The worker threads that run cooperative ring kernels (<see cref="CpuRingKernelScheduling.Cooperative"/>):
/// a fixed number, one per core, each with a FIFO run queue of the kernels placed on it that have
/// something to do, running each until it must wait, and taking from the others' queues when its own
/// is empty. Workers start when the first kernel is put on them and end when the last has ended, so
/// a backend holds no threads while it runs no kernel. Each worker completes the input armings of the
/// kernels it parked with one process-wide barrier per batch (<see cref="PendingArmings"/>), before it idles.
/// </summary>
/// <remarks>
/// A kernel's home worker comes from its <see cref="RingKernelPlacement"/>: one contiguous run of the
/// numbering per worker, so neighbouring tiles trade halos through one core's caches and the
/// cross-core traffic is only at the runs' edges. Kernels without one are dealt round-robin.
/// </remarks>
internal sealed class CooperativeKernelWorkers
{
    // Polls of the run queues before a worker parks: a tile's neighbour is usually microseconds
    // from waking it, and parking and waking cost about as much.
    private const int PollsBeforeParking = 64;

    private readonly ConcurrentQueue<CooperativeKernelRun>[] _ready;
    private readonly bool[] _running;
    private readonly object _gate = new();
    private int _unplaced;
    private int _kernels;
    private int _parked;

    public CooperativeKernelWorkers(int workerCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workerCount);
        _ready = new ConcurrentQueue<CooperativeKernelRun>[workerCount];
        for (int i = 0; i < workerCount; i++)
            _ready[i] = new ConcurrentQueue<CooperativeKernelRun>();
        _running = new bool[workerCount];
    }

    /// <summary>The worker whose queue a kernel with <paramref name="placement"/> joins.</summary>
    public int HomeOf(RingKernelPlacement? placement) =>
        placement is { } placed ? placed.PartOf(_ready.Length) : (int)((uint)Interlocked.Increment(ref _unplaced) % (uint)_ready.Length);

    /// <summary>A kernel started: make sure the workers run.</summary>
    public void Attach()
    {
        lock (_gate)
        {
            _kernels++;
            for (int worker = 0; worker < _running.Length; worker++)
            {
                if (_running[worker])
                    continue;
                _running[worker] = true;
                int home = worker;
                new Thread(() => Work(home)) { IsBackground = true, Name = $"cooperative ring kernels {worker}" }.Start();
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

    /// <summary>Queues a kernel that has something to do on its home worker, waking a parked worker.</summary>
    public void Enqueue(CooperativeKernelRun run)
    {
        _ready[run.Home].Enqueue(run);

        // The enqueue is a full fence, and a parker counts itself before it looks at the queues: one of the two sees the other.
        if (Volatile.Read(ref _parked) > 0)
        {
            lock (_gate)
                Monitor.Pulse(_gate);
        }
    }

    private void Work(int home)
    {
        var armings = new PendingArmings();
        while (true)
        {
            if (TryTake(home, out CooperativeKernelRun? run))
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
                while (AllEmpty() && _kernels > 0)
                    Monitor.Wait(_gate);
                Interlocked.Decrement(ref _parked);
                if (AllEmpty() && _kernels == 0)
                {
                    _running[home] = false;
                    return;
                }
            }
        }
    }

    /// <summary>The next kernel from <paramref name="home"/>'s queue, else from the next worker's that has one.</summary>
    private bool TryTake(int home, [NotNullWhen(true)] out CooperativeKernelRun? run)
    {
        for (int i = 0; i < _ready.Length; i++)
        {
            int worker = home + i;
            if (_ready[worker < _ready.Length ? worker : worker - _ready.Length].TryDequeue(out run))
                return true;
        }

        run = null;
        return false;
    }

    private bool AllEmpty()
    {
        foreach (ConcurrentQueue<CooperativeKernelRun> queue in _ready)
        {
            if (!queue.IsEmpty)
                return false;
        }

        return true;
    }

    private bool Poll()
    {
        for (int i = 0; i < PollsBeforeParking; i++)
        {
            Thread.SpinWait(32);
            if (!AllEmpty())
                return true;
        }

        return false;
    }
}
