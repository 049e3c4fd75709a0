using System.Collections.Concurrent;

namespace RingKernel.Cpu.RingKernels;

/// <summary>
/// The OS threads that ring kernels with a thread of their own run on. A thread whose kernel has ended
/// waits, idle, up to <see cref="IdleTimeout"/> for the next kernel before it exits, so that relaunching a
/// kernel (a supervisor's restart, a resume) takes a waiting thread instead of starting a new one.
/// </summary>
internal sealed class KernelThreads
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long an idle thread keeps looking for its next kernel before it blocks: a supervisor's restart
    /// relaunches within tens of microseconds, sooner than a blocked thread is woken.
    /// </summary>
    private static readonly long LookTicks = System.Diagnostics.Stopwatch.Frequency / 10_000; // 100 µs

    /// <summary>
    /// How long of <see cref="LookTicks"/> the thread spins before it yields between looks: about as long
    /// as a supervisor's restart takes to relaunch, so that the relaunched kernel finds its thread running.
    /// A thread that yields at once may wait behind whatever else the scheduler runs on its core (idle
    /// thread-pool workers spin too), which made restarts bimodal on two cores.
    /// </summary>
    private static readonly long SpinTicks = System.Diagnostics.Stopwatch.Frequency / 50_000; // 20 µs

    private readonly ConcurrentStack<Worker> _idle = new();

    public static KernelThreads Shared { get; } = new();

    /// <summary>Runs <paramref name="work"/> on an idle kernel thread, or on a new one when none waits.</summary>
    public void Run(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        while (_idle.TryPop(out Worker? idle))
        {
            if (idle.TryAssign(work))
                return;
        }

        var worker = new Worker(this);
        if (!worker.TryAssign(work))
            throw new InvalidOperationException("A new kernel thread refused its first kernel.");
        worker.Start();
    }

    /// <summary>One thread: it runs a kernel, then offers itself for the next until it has waited too long.</summary>
    private sealed class Worker(KernelThreads owner) : IDisposable
    {
        private const int Idle = 0;
        private const int Assigned = 1;
        private const int Exited = 2;

        private readonly SemaphoreSlim _assigned = new(0);
        private Action? _work;
        private int _state;

        public void Start() => new Thread(Loop) { IsBackground = true, Name = "ring kernel" }.Start();

        public bool TryAssign(Action work)
        {
            if (Interlocked.CompareExchange(ref _state, Assigned, Idle) != Idle)
                return false;
            _work = work;
            _assigned.Release();
            return true;
        }

        /// <summary>Takes an assignment that arrives within <see cref="LookTicks"/>, spinning, then yielding between looks; false when none did.</summary>
        private bool LookForWork()
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            long now;
            do
            {
                // The state turns Assigned just before the release, so this look costs one read until then.
                if (Volatile.Read(ref _state) == Assigned && _assigned.Wait(0))
                    return true;
                now = System.Diagnostics.Stopwatch.GetTimestamp();
                if (now - start < SpinTicks)
                    Thread.SpinWait(1);
                else
                    Thread.Yield();
            }
            while (now - start < LookTicks);
            return false;
        }

        /// <summary>Called by the thread itself as it exits; no one assigns to an exited worker.</summary>
        public void Dispose() => _assigned.Dispose();

        private void Loop()
        {
            while (true)
            {
                if (!LookForWork() && !_assigned.Wait(IdleTimeout))
                {
                    if (Interlocked.CompareExchange(ref _state, Exited, Idle) == Idle)
                    {
                        Dispose();
                        return;
                    }

                    // Assigned as the wait timed out: the release is on its way.
                    _assigned.Wait();
                }

                Action work = _work!;
                _work = null;
                work();
                Volatile.Write(ref _state, Idle);
                owner._idle.Push(this);
            }
        }
    }
}
