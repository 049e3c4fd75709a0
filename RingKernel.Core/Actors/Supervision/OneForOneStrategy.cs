namespace RingKernel.Actors.Supervision;

/// <summary>
/// Applies the decided directive to the failed child only. A Restart beyond
/// <see cref="MaxNrOfRetries"/> within <see cref="WithinTimeRange"/> stops the child instead.
/// </summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <param name="maxNrOfRetries">Restarts allowed per child (in the window): −1 unlimited, 0 none.</param>
    /// <param name="withinTimeRange">The window; null counts restarts forever.</param>
    /// <param name="decider">Maps an exception to a directive.</param>
    /// <param name="loggingEnabled">Publish failures as log events.</param>
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(decider, loggingEnabled)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNrOfRetries, -1);
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
    }

    /// <summary>Unlimited restarts.</summary>
    public OneForOneStrategy(Func<Exception, Directive> decider, bool loggingEnabled = true)
        : this(-1, null, decider, loggingEnabled)
    {
    }

    public int MaxNrOfRetries { get; }

    public TimeSpan? WithinTimeRange { get; }

    protected override void ProcessFailure(
        IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyList<ChildRestartStats> children)
    {
        if (restart && stats.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange))
            RestartChild(child, cause, suspendFirst: false);
        else
            context.Stop(child);
    }
}
