using System.Diagnostics;

namespace RingKernel.Benchmarks.Compare;

/// <summary>
/// How long a cache line takes to go from one core to another and back on this machine right now: two
/// threads pass a counter back and forth through two lines. A virtual machine's cores may sit close
/// together or far apart on the host, and that moves with the host's load; every line that times a
/// hand-over between threads (a ring, a mailbox, a wake-up) moves with it, so the comparison header
/// reports it beside each run.
/// </summary>
internal static class CoreHandoffProbe
{
    private const int RoundTrips = 20_000;
    private const int Batches = 5;

    /// <summary>The median round trip of <see cref="Batches"/> batches, in nanoseconds; null on a single core.</summary>
    public static double? MeasureRoundTripNanoseconds()
    {
        if (Environment.ProcessorCount < 2)
            return null;
        var times = new double[Batches];
        for (int batch = 0; batch < Batches; batch++)
            times[batch] = MeasureBatch();
        Array.Sort(times);
        return times[Batches / 2];
    }

    private static double MeasureBatch()
    {
        // Two counters 128 bytes apart, so that each lives on a line of its own.
        var lines = new long[48];
        var echo = new Thread(() =>
        {
            for (long i = 1; i <= RoundTrips; i++)
            {
                while (Volatile.Read(ref lines[8]) != i)
                    Thread.SpinWait(1);
                Volatile.Write(ref lines[24], i);
            }
        }) { IsBackground = true, Name = "handoff probe" };
        echo.Start();
        long started = Stopwatch.GetTimestamp();
        for (long i = 1; i <= RoundTrips; i++)
        {
            Volatile.Write(ref lines[8], i);
            while (Volatile.Read(ref lines[24]) != i)
                Thread.SpinWait(1);
        }

        double nanoseconds = Stopwatch.GetElapsedTime(started).TotalNanoseconds / RoundTrips;
        echo.Join();
        return nanoseconds;
    }
}
