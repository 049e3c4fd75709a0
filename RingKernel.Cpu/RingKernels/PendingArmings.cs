using System.Diagnostics;

namespace RingKernel.Cpu.RingKernels;

/// <summary>
/// One worker's kernels armed on their input rings since its last process-wide barrier. An arming
/// holds only after such a barrier (see <see cref="RingKernel.Rings.SlotRing.TryArmReadable"/>);
/// one barrier completes them all, so a worker that parks 256 tile kernels at the end of a command
/// pays for one barrier (about 11 µs on a two-core VM, and an interrupt of the other core) instead of 256.
/// </summary>
internal sealed class PendingArmings
{
    // Under sustained load a worker completes its armings at least this often, bounding how long a
    // message published in the window between arming and barrier can wait unseen.
    private static readonly long MaxDelay = Stopwatch.Frequency / 5_000;

    private readonly List<CooperativeKernelRun> _runs = [];
    private long _oldest;

    public bool IsEmpty => _runs.Count == 0;

    /// <summary>True when the oldest arming has waited its longest for the barrier.</summary>
    public bool IsOverdue => _runs.Count > 0 && Stopwatch.GetTimestamp() - _oldest > MaxDelay;

    public void Add(CooperativeKernelRun run)
    {
        if (_runs.Count == 0)
            _oldest = Stopwatch.GetTimestamp();
        _runs.Add(run);
    }

    /// <summary>Makes every pending arming hold: one barrier, then wakes each kernel whose input arrived before it, unseen.</summary>
    public void Complete()
    {
        Interlocked.MemoryBarrierProcessWide();
        foreach (CooperativeKernelRun run in _runs)
            run.WakeIfInputMissed();
        _runs.Clear();
    }
}
