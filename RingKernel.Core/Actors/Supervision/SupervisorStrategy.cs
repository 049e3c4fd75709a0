using RingKernel.Actors.Events;
using RingKernel.Actors.SystemMessages;

namespace RingKernel.Actors.Supervision;

/// <summary>
/// How a parent handles the failure of a child. When an actor throws while processing a message (or
/// while starting), the runtime suspends its mailbox and its children and reports the failure to the
/// parent as a system message; the parent's strategy runs its <see cref="Decider"/> on the exception and
/// applies the <see cref="Directive"/> to the failed child (<see cref="OneForOneStrategy"/>) or to all
/// its children (<see cref="AllForOneStrategy"/>). A Restart that exceeds the retry limit becomes a Stop.
/// </summary>
public abstract class SupervisorStrategy
{
    protected SupervisorStrategy(Func<Exception, Directive> decider, bool loggingEnabled)
    {
        Decider = decider ?? throw new ArgumentNullException(nameof(decider));
        LoggingEnabled = loggingEnabled;
    }

    /// <summary>Maps a child's exception to a directive.</summary>
    public Func<Exception, Directive> Decider { get; }

    /// <summary>Whether failures are published as <see cref="LogEvent"/>s (Error for Restart and Stop, Warning for Resume).</summary>
    public bool LoggingEnabled { get; }

    /// <summary>
    /// Akka's default decider: <see cref="ActorInitializationException"/>, <see cref="ActorKilledException"/>
    /// and <see cref="DeathPactException"/> stop the child; every other exception restarts it.
    /// </summary>
    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>One-for-one with <see cref="DefaultDecider"/> and unlimited restarts: what an actor gets unless it chooses otherwise.</summary>
    public static SupervisorStrategy DefaultStrategy { get; } = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stops any failing child.</summary>
    public static SupervisorStrategy StoppingStrategy { get; } = new OneForOneStrategy(_ => Directive.Stop);

    /// <summary>
    /// Applies the directive to <paramref name="child"/> (and, for all-for-one, its siblings);
    /// <paramref name="restart"/> is true for Restart and false for Stop.
    /// </summary>
    protected abstract void ProcessFailure(
        IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyList<ChildRestartStats> children);

    /// <summary>Returns false for Escalate, so the caller fails the supervisor with <paramref name="cause"/>.</summary>
    internal bool HandleFailure(
        IActorContext context, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyList<ChildRestartStats> children)
    {
        Directive directive = Decider(cause);
        LogFailure(context, child, cause, directive);
        switch (directive)
        {
            case Directive.Resume:
                ResumeChild(child, cause);
                return true;
            case Directive.Restart:
                ProcessFailure(context, true, child, cause, stats, children);
                return true;
            case Directive.Stop:
                ProcessFailure(context, false, child, cause, stats, children);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Resumes a failed child, keeping its state; it continues with the message after the failing one.</summary>
    protected static void ResumeChild(IActorRef child, Exception cause) => Internal(child).SendSystemMessage(new Resume(cause));

    /// <summary>
    /// Restarts <paramref name="child"/>; <paramref name="suspendFirst"/> is for siblings of the failed
    /// child (all-for-one), which are running and must stop taking messages before they are recreated.
    /// </summary>
    protected static void RestartChild(IActorRef child, Exception cause, bool suspendFirst)
    {
        IInternalActorRef target = Internal(child);
        if (suspendFirst)
            target.SendSystemMessage(new Suspend());
        target.SendSystemMessage(new Recreate(cause));
    }

    private void LogFailure(IActorContext context, IActorRef child, Exception cause, Directive directive)
    {
        if (!LoggingEnabled || directive == Directive.Escalate)
            return;
        ActorLogLevel level = directive == Directive.Resume ? ActorLogLevel.Warning : ActorLogLevel.Error;
        var log = new LoggingAdapter(context.System, child.Path.ToString(), GetType());
        if (log.IsEnabled(level))
            log.Log(level, $"{cause.GetType().Name}: {cause.Message} ({directive})", cause);
    }

    private static IInternalActorRef Internal(IActorRef child) =>
        child as IInternalActorRef ?? throw new ArgumentException($"{child} is not an actor of this runtime", nameof(child));
}
