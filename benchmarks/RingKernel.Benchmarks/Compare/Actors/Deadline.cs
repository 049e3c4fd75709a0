using System.Diagnostics;

namespace RingKernel.Benchmarks.Compare.Actors;

/// <summary>A shared stop time, checked cheaply by message handlers every so many messages.</summary>
internal sealed class Deadline(TimeSpan duration)
{
    private readonly long _end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);

    public bool Passed => Stopwatch.GetTimestamp() >= _end;
}
