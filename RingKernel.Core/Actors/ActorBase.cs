using System.Runtime.CompilerServices;
using RingKernel.Actors.Events;

namespace RingKernel.Actors;

/// <summary>
/// Base class of every actor. The runtime builds instances from <see cref="Props"/> (never with
/// <c>new</c> in user code), calls <see cref="Receive"/> for one message at a time on a thread-pool
/// thread, and calls the lifecycle hooks:
/// <list type="bullet">
/// <item><see cref="PreStart"/> after construction, before the first message;</item>
/// <item><see cref="PreRestart"/> on the failed instance and <see cref="PostRestart"/> on its replacement when the supervisor restarts it;</item>
/// <item><see cref="PostStop"/> once the actor and all its children have stopped.</item>
/// </list>
/// An exception thrown from <see cref="Receive"/> suspends the actor and asks the parent's
/// <c>SupervisorStrategy</c> what to do (see <see cref="Supervision.Directive"/>).
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;
    private Supervision.SupervisorStrategy? _supervisorStrategy;

    protected ActorBase()
    {
        _cell = ActorCell.CurrentlyCreating
            ?? throw new ActorInitializationException(
                $"{GetType().Name} must be created by an actor system from Props (ActorOf), not with 'new'.");
    }

    /// <summary>This actor's context: valid on the actor's own thread only.</summary>
    protected IActorContext Context => _cell;

    protected IActorRef Self => _cell.Self;

    /// <summary>Sender of the message being processed (dead letters when none).</summary>
    protected IActorRef Sender => _cell.Sender;

    internal ActorCell Cell => _cell;

    /// <summary>The initial behaviour: handle <paramref name="message"/> and return true, or return false for <see cref="Unhandled"/>.</summary>
    protected abstract bool Receive(object message);

    /// <summary>Runs before the first message and, by default, after each restart.</summary>
    protected virtual void PreStart()
    {
    }

    /// <summary>Runs after the actor and its children have stopped; the mailbox is closed right after.</summary>
    protected virtual void PostStop()
    {
    }

    /// <summary>
    /// Runs on the failed instance before it is replaced; <paramref name="message"/> is the message whose
    /// processing failed (null when the failure came from elsewhere). By default it stops every child and
    /// calls <see cref="PostStop"/>.
    /// </summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (IActorRef child in Context.Children)
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>Runs on the new instance after a restart; by default calls <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>
    /// The strategy this actor applies to its children's failures (asked once per instance). The default
    /// is <see cref="Supervision.SupervisorStrategy.DefaultStrategy"/>; <see cref="Props.WithSupervisorStrategy"/>
    /// takes precedence.
    /// </summary>
    protected virtual Supervision.SupervisorStrategy SupervisorStrategy() => Supervision.SupervisorStrategy.DefaultStrategy;

    /// <summary>
    /// Called with every message the behaviour did not handle: an unhandled <see cref="Terminated"/>
    /// throws <see cref="DeathPactException"/>; anything else is published as <see cref="UnhandledMessage"/>.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated terminated)
            throw new DeathPactException(terminated.ActorRef);
        _cell.System.EventStream.Publish(new UnhandledMessage(message, _cell.Sender, _cell.Self));
    }

    /// <summary>Called once the instance is built, before <see cref="PreStart"/>.</summary>
    private protected virtual void OnCreated()
    {
    }

    internal void InvokeCreated() => OnCreated();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool InvokeReceive(object message) => Receive(message);

    internal void InvokeUnhandled(object message) => Unhandled(message);

    internal void InvokePreStart() => PreStart();

    internal void InvokePostStop() => PostStop();

    internal void InvokePreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void InvokePostRestart(Exception reason) => PostRestart(reason);

    internal Supervision.SupervisorStrategy SupervisorStrategyInternal =>
        _supervisorStrategy ??= _cell.Props.SupervisorStrategy ?? SupervisorStrategy();
}
