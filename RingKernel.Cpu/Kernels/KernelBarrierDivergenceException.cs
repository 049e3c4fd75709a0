using System.Text;
using RingKernel.Kernels;

namespace RingKernel.Cpu.Kernels;

/// <summary>
/// Some threads of a workgroup finished while others waited at a barrier. A GPU would hang there
/// (or, worse, go on with a barrier that synchronised nothing); the CPU backend stops the
/// workgroup and names the kernel, the barrier and the threads on each side.
/// </summary>
public sealed class KernelBarrierDivergenceException : KernelExecutionException
{
    public KernelBarrierDivergenceException(
        string kernelName,
        Index3 workgroupId,
        int barriersPassed,
        IReadOnlyList<string?> barrierNames,
        IReadOnlyList<int> finishedThreads,
        IReadOnlyList<int> waitingThreads)
        : base(Describe(kernelName, workgroupId, barriersPassed, barrierNames, finishedThreads, waitingThreads), kernelName, workgroupId, barriersPassed)
    {
        BarrierName = barrierNames.Count > 0 ? barrierNames[0] : null;
        FinishedThreads = finishedThreads;
        WaitingThreads = waitingThreads;
    }

    /// <summary>The name of the barrier the first waiting thread waits at (null when unnamed).</summary>
    public string? BarrierName { get; }

    /// <summary>Linear indices of the threads that finished.</summary>
    public IReadOnlyList<int> FinishedThreads { get; }

    /// <summary>Linear indices of the threads waiting at a barrier.</summary>
    public IReadOnlyList<int> WaitingThreads { get; }

    private static string Describe(
        string kernelName,
        Index3 workgroupId,
        int barriersPassed,
        IReadOnlyList<string?> barrierNames,
        IReadOnlyList<int> finished,
        IReadOnlyList<int> waiting)
    {
        string barriers = string.Join(" and ", barrierNames.Select(n => new WorkgroupBarrier(n).ToString()));
        int total = finished.Count + waiting.Count;
        return $"Kernel '{kernelName}' diverged at barrier #{barriersPassed + 1} in workgroup {workgroupId}: " +
               $"threads {Ranges(finished)} ({finished.Count} of {total}) finished while threads {Ranges(waiting)} " +
               $"({waiting.Count} of {total}) wait at {barriers}. A GPU would hang here: every thread of a " +
               "workgroup must reach every barrier.";
    }

    /// <summary>"0-31, 40, 42-50", cut short after a few runs.</summary>
    private static string Ranges(IReadOnlyList<int> sorted)
    {
        const int MaxRuns = 8;
        var text = new StringBuilder();
        int runs = 0;
        for (int i = 0; i < sorted.Count; i++)
        {
            int start = sorted[i];
            while (i + 1 < sorted.Count && sorted[i + 1] == sorted[i] + 1)
                i++;
            if (runs == MaxRuns)
            {
                text.Append(", …");
                break;
            }

            if (runs++ > 0)
                text.Append(", ");
            text.Append(start);
            if (sorted[i] != start)
                text.Append('-').Append(sorted[i]);
        }

        return text.ToString();
    }
}
