using RingKernel.Kernels.Persistent;

namespace RingKernel.Kernels.Actors;

/// <summary>
/// Which kernel instance a kernel actor runs and how it is watched: the current instance and its
/// arguments, the launch count that tells stale signals from current ones, the fault already reported,
/// and a pending relaunch. Kept across restarts of the actor.
/// </summary>
internal sealed class KernelLaunchState<TArgs>
{
    /// <summary>The latest kernel instance (ended or running); null before the first launch.</summary>
    public IRingKernel? Kernel { get; set; }

    public TArgs Args { get; set; } = default!;

    /// <summary>Counts launches; signals carry it so that those about an earlier instance are ignored.</summary>
    public int Generation { get; set; }

    /// <summary>The generation whose fault the actor has already thrown, so a fault is reported once.</summary>
    public int FaultReportedGeneration { get; set; } = -1;

    /// <summary>The control block's error count at the current launch: a rise with a body-fault code is a fault.</summary>
    public uint ErrorCountAtLaunch { get; set; }

    /// <summary>Set from the moment the actor decides to relaunch until the successor runs: the watchdog and checkpoints wait.</summary>
    public bool RelaunchPending { get; set; }

    /// <summary>Set while the ended instance is being retired (its poison message answered, itself disposed) on the thread pool.</summary>
    public bool Retiring { get; set; }

    /// <summary>Whether that successor gets fresh arguments (and the checkpoint): true after a restart, false after a resume.</summary>
    public bool RelaunchFresh { get; set; }

    /// <summary>Reads the current instance's control block on every watchdog tick.</summary>
    public KernelWatchdog? Watchdog { get; set; }

    /// <summary>Whether the actor should report the current instance's fault now (not reported yet, no relaunch under way).</summary>
    public bool Watching => Watchdog is not null && !RelaunchPending && FaultReportedGeneration != Generation;
}
