namespace RingKernel.Actors.Supervision;

/// <summary>
/// Configuration of a <see cref="BackoffSupervisor"/>: the child to run, the exponential backoff
/// (<c>min(maxBackoff, minBackoff × 2^restarts) × (1 + random × randomFactor)</c>, as in Akka), when the
/// restart count resets, and how many restarts are allowed.
/// </summary>
public sealed record BackoffOptions
{
    private BackoffOptions(BackoffMode mode, Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor)
    {
        ArgumentNullException.ThrowIfNull(childProps);
        ArgumentException.ThrowIfNullOrEmpty(childName);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(minBackoff, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBackoff, minBackoff);
        ArgumentOutOfRangeException.ThrowIfNegative(randomFactor);
        Mode = mode;
        ChildProps = childProps;
        ChildName = childName;
        MinBackoff = minBackoff;
        MaxBackoff = maxBackoff;
        RandomFactor = randomFactor;
        ResetBackoff = minBackoff;
    }

    /// <summary>Recreate the child after a backoff when it fails (see <see cref="BackoffMode.OnFailure"/>).</summary>
    public static BackoffOptions OnFailure(Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor) =>
        new(BackoffMode.OnFailure, childProps, childName, minBackoff, maxBackoff, randomFactor);

    /// <summary>Recreate the child after a backoff when it stops (see <see cref="BackoffMode.OnStop"/>).</summary>
    public static BackoffOptions OnStop(Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor) =>
        new(BackoffMode.OnStop, childProps, childName, minBackoff, maxBackoff, randomFactor);

    public BackoffMode Mode { get; }

    public Props ChildProps { get; }

    public string ChildName { get; }

    public TimeSpan MinBackoff { get; }

    public TimeSpan MaxBackoff { get; }

    /// <summary>Up to this fraction of the delay is added at random, so that many supervisors do not restart in step.</summary>
    public double RandomFactor { get; }

    /// <summary>
    /// With automatic reset (the default, after <see cref="MinBackoff"/>), the restart count returns to zero
    /// once a child has run this long; null means manual reset (the child sends <see cref="BackoffSupervisor.Reset"/>).
    /// </summary>
    public TimeSpan? ResetBackoff { get; init; }

    /// <summary>Restarts allowed before the supervisor gives up and stops itself; −1 is unlimited.</summary>
    public int MaxNrOfRetries { get; init; } = -1;

    /// <summary>
    /// The child's supervision. With <see cref="BackoffMode.OnFailure"/> a Restart decision becomes "stop
    /// now, recreate after the backoff"; other directives apply as decided. With <see cref="BackoffMode.OnStop"/>
    /// it is applied as is.
    /// </summary>
    public Func<Exception, Directive> Decider { get; init; } = SupervisorStrategy.DefaultDecider;

    public BackoffOptions WithAutoReset(TimeSpan resetBackoff)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(resetBackoff, TimeSpan.Zero);
        return this with { ResetBackoff = resetBackoff };
    }

    public BackoffOptions WithManualReset() => this with { ResetBackoff = null };

    public BackoffOptions WithMaxNrOfRetries(int maxNrOfRetries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNrOfRetries, -1);
        return this with { MaxNrOfRetries = maxNrOfRetries };
    }

    public BackoffOptions WithDecider(Func<Exception, Directive> decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        return this with { Decider = decider };
    }

    /// <summary>Props of a <see cref="BackoffSupervisor"/> with these options.</summary>
    public Props Props() => BackoffSupervisor.Props(this);

    /// <summary>The delay before restart number <paramref name="restartCount"/> + 1.</summary>
    public TimeSpan DelayFor(int restartCount, double random)
    {
        double exponential = MinBackoff.TotalMilliseconds * Math.Pow(2, restartCount);
        double capped = Math.Min(MaxBackoff.TotalMilliseconds, exponential);
        double delay = capped * (1 + (random * RandomFactor));
        return double.IsFinite(delay) && delay < TimeSpan.MaxValue.TotalMilliseconds ? TimeSpan.FromMilliseconds(delay) : MaxBackoff;
    }
}
