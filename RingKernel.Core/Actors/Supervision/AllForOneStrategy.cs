namespace RingKernel.Actors.Supervision;

/// <summary>
/// Applies Restart and Stop to every child of the supervisor, not just the failed one (use it when the
/// children only make sense together); Resume still resumes only the failed child. A Restart is granted
/// only if every child is within <see cref="MaxNrOfRetries"/> in <see cref="WithinTimeRange"/>;
/// otherwise all children are stopped.
/// </summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    /// <param name="maxNrOfRetries">Restarts allowed per child (in the window): −1 unlimited, 0 none.</param>
    /// <param name="withinTimeRange">The window; null counts restarts forever.</param>
    /// <param name="decider">Maps an exception to a directive.</param>
    /// <param name="loggingEnabled">Publish failures as log events.</param>
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(decider, loggingEnabled)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNrOfRetries, -1);
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
    }

    /// <summary>Unlimited restarts.</summary>
    public AllForOneStrategy(Func<Exception, Directive> decider, bool loggingEnabled = true)
        : this(-1, null, decider, loggingEnabled)
    {
    }

    public int MaxNrOfRetries { get; }

    public TimeSpan? WithinTimeRange { get; }

    protected override void ProcessFailure(
        IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyList<ChildRestartStats> children)
    {
        if (children.Count == 0)
            return;
        bool permitted = restart && children.All(c => c.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange));

        foreach (ChildRestartStats sibling in children)
        {
            if (permitted)
                RestartChild(sibling.Child, cause, suspendFirst: !sibling.Child.Equals(child));
            else
                context.Stop(sibling.Child);
        }
    }
}
