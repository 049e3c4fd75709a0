namespace RingKernel.Actors.Supervision;

/// <summary>
/// A supervisor's record of one child: the handle and how many restarts it has been granted in the
/// current time window (Akka's "simple window": the window opens at the first restart and, once it has
/// elapsed, the next restart starts a new window with a count of one).
/// </summary>
public sealed class ChildRestartStats
{
    private readonly TimeProvider _time;
    private int _retriesInWindow;
    private long _windowStart;
    private bool _windowOpen;

    internal ChildRestartStats(IActorRef child, TimeProvider time)
    {
        Child = child;
        _time = time;
    }

    public IActorRef Child { get; }

    /// <summary>Restarts counted so far (in the current window when there is one).</summary>
    public int RetriesCount => _retriesInWindow;

    /// <summary>
    /// Counts one more restart and says whether it is allowed. <paramref name="maxNrOfRetries"/> −1 means
    /// unlimited, 0 means never; <paramref name="withinTimeRange"/> null means the count never resets.
    /// </summary>
    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan? withinTimeRange)
    {
        if (maxNrOfRetries == 0)
            return false;
        bool retriesDefined = maxNrOfRetries > 0;
        bool windowDefined = withinTimeRange is { } w && w > TimeSpan.Zero && w != Timeout.InfiniteTimeSpan;
        if (retriesDefined && !windowDefined)
            return ++_retriesInWindow <= maxNrOfRetries;
        if (!windowDefined)
            return true;

        int retries = retriesDefined ? maxNrOfRetries : 1;
        long now = _time.GetTimestamp();
        if (!_windowOpen)
        {
            _windowOpen = true;
            _windowStart = now;
        }

        if (_time.GetElapsedTime(_windowStart, now) <= withinTimeRange!.Value)
            return ++_retriesInWindow <= retries;

        _retriesInWindow = 1;
        _windowStart = now;
        return true;
    }
}
