using System.Diagnostics;

namespace RingKernel.Benchmarks.Rings;

/// <summary>Runs a producer and a consumer on two dedicated threads, released together; times until both finish.</summary>
public static class TwoThreads
{
    public static TimeSpan Run(Action producer, Action consumer)
    {
        using var start = new Barrier(3);
        Exception? failure = null;
        Thread Spawn(Action body, string name)
        {
            var thread = new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    body();
                }
                catch (Exception e)
                {
                    failure = e;
                }
            }) { Name = name, IsBackground = true };
            thread.Start();
            return thread;
        }

        Thread producing = Spawn(producer, "producer");
        Thread consuming = Spawn(consumer, "consumer");
        start.SignalAndWait();
        long began = Stopwatch.GetTimestamp();
        producing.Join();
        consuming.Join();
        TimeSpan elapsed = Stopwatch.GetElapsedTime(began);
        if (failure is not null)
            throw new InvalidOperationException("A benchmark thread failed.", failure);
        return elapsed;
    }

    /// <summary>Back-off shared by every workload when a queue is full or empty: spin, then yield.</summary>
    public static void Pause(ref SpinWait spinner) => spinner.SpinOnce(sleep1Threshold: -1);
}
