using System.Diagnostics;

namespace RingKernel.Samples.Hosting;

/// <summary>
/// Drives a run in batches of steps about <see cref="Target"/> long each: often enough for a smooth
/// progress bar, seldom enough that the batches cost nothing measurable (each batch is a command to
/// every tile of a tiled engine, and a reply from each). The first batch is one step; a batch that
/// took under half the target doubles the next, one over twice the target halves it.
/// </summary>
public static class StepBatches
{
    /// <summary>How long a batch should take: about 40 progress updates a second.</summary>
    public static readonly TimeSpan Target = TimeSpan.FromMilliseconds(25);

    /// <summary>Runs <paramref name="totalSteps"/> steps through <paramref name="runSteps"/>, calling <paramref name="done"/> with the steps done after each batch; returns the time spent inside <paramref name="runSteps"/>.</summary>
    public static TimeSpan Run(int totalSteps, Action<int> runSteps, Action<int>? done = null)
    {
        ArgumentNullException.ThrowIfNull(runSteps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        TimeSpan computing = TimeSpan.Zero;
        int finished = 0;
        int batch = 1;
        while (finished < totalSteps)
        {
            int steps = Math.Min(batch, totalSteps - finished);
            long start = Stopwatch.GetTimestamp();
            runSteps(steps);
            TimeSpan took = Stopwatch.GetElapsedTime(start);
            computing += took;
            finished += steps;
            done?.Invoke(finished);
            if (took < Target / 2)
                batch = (int)Math.Min((long)batch * 2, totalSteps);
            else if (took > Target * 2)
                batch = Math.Max(1, batch / 2);
        }

        return computing;
    }
}
