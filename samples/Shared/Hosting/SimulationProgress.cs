using Spectre.Console;

namespace RingKernel.Samples.Hosting;

/// <summary>
/// Drives a simulation in batches of steps and shows how far it is: a Spectre.Console progress bar
/// on an interactive terminal (with <c>--metrics</c>, a table of RingKernel's telemetry refreshed in
/// place after every batch, titled with the progress), a plain line every tenth of the run when output
/// is redirected.
/// </summary>
public static class SimulationProgress
{
    /// <summary>Runs <paramref name="totalSteps"/> steps through <paramref name="runSteps"/>, showing <paramref name="label"/> (what runs them); returns the time spent inside it.</summary>
    /// <param name="totalSteps">Steps in all.</param>
    /// <param name="runSteps">Runs a batch of steps.</param>
    /// <param name="output">Where the progress lines go when not <paramref name="interactive"/>.</param>
    /// <param name="interactive">Whether the console is a terminal that redraws in place.</param>
    /// <param name="label">What runs the steps, for the bar and the progress lines.</param>
    /// <param name="metrics">On an interactive terminal, the telemetry to show in place of the progress bar; null for none.</param>
    public static TimeSpan Run(int totalSteps, Action<int> runSteps, TextWriter output, bool interactive, string label = "steps", MetricsBoard? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(runSteps);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        TimeSpan computing = TimeSpan.Zero;

        void RunBatches(Action<int> reportDone) => computing = StepBatches.Run(totalSteps, runSteps, reportDone);

        if (interactive && metrics is not null)
        {
            AnsiConsole.Live(metrics.Table(Title(0, totalSteps)))
                .Start(context => RunBatches(done =>
                {
                    context.UpdateTarget(metrics.Table(Title(done, totalSteps)));
                    context.Refresh();
                }));
        }
        else if (interactive)
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

    /// <summary>"RingKernel telemetry, step 300/1000 (30%)".</summary>
    public static string Title(int done, int totalSteps) => $"RingKernel telemetry, step {done}/{totalSteps} ({100L * done / totalSteps}%)";
}
