using System.Diagnostics;
using Spectre.Console;

namespace RingKernel.Samples.Hosting;

/// <summary>
/// Drives a simulation in batches of steps and shows how far it is: a Spectre.Console progress bar
/// on an interactive terminal, a plain line every tenth of the run when output is redirected.
/// </summary>
public static class SimulationProgress
{
    /// <summary>Batches per run: enough for a smooth bar, few enough that reporting costs nothing measurable.</summary>
    private const int Batches = 100;

    /// <summary>Runs <paramref name="totalSteps"/> steps through <paramref name="runSteps"/>, showing <paramref name="label"/> (what runs them); returns the time spent inside it.</summary>
    public static TimeSpan Run(int totalSteps, Action<int> runSteps, TextWriter output, bool interactive, string label = "steps")
    {
        ArgumentNullException.ThrowIfNull(runSteps);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        int batch = Math.Max(1, totalSteps / Batches);
        TimeSpan computing = TimeSpan.Zero;

        void RunBatches(Action<int> reportDone)
        {
            int done = 0;
            while (done < totalSteps)
            {
                int steps = Math.Min(batch, totalSteps - done);
                long start = Stopwatch.GetTimestamp();
                runSteps(steps);
                computing += Stopwatch.GetElapsedTime(start);
                done += steps;
                reportDone(done);
            }
        }

        if (interactive)
        {
            AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    ProgressTask task = context.AddTask(Markup.Escape(label), maxValue: totalSteps);
                    RunBatches(done => task.Value = done);
                });
        }
        else
        {
            int nextTenth = 1;
            RunBatches(done =>
            {
                if ((long)done * 10 < (long)nextTenth * totalSteps)
                    return;
                while ((long)done * 10 >= (long)nextTenth * totalSteps)
                    nextTenth++;
                output.WriteLine($"{label}: step {done}/{totalSteps} ({100L * done / totalSteps}%)");
            });
        }

        return computing;
    }
}
