using RingKernel.Actors.Supervision;

namespace RingKernel.Actors.Guardians;

/// <summary>
/// The root of the hierarchy. It stops any guardian that fails, and orders shutdown: once <c>/user</c>
/// has stopped (all application actors, children before parents) it stops <c>/system</c>, and once that
/// has stopped it stops itself, which completes <see cref="ActorSystem.WhenTerminated"/>.
/// </summary>
internal sealed class RootGuardian : ActorBase
{
    private IActorRef? _user;
    private IActorRef? _system;

    protected override void PreStart()
    {
        _user = Context.Watch(Context.Child(ActorSystem.UserGuardianName)!);
        _system = Context.Watch(Context.Child(ActorSystem.SystemGuardianName)!);
    }

    protected override bool Receive(object message)
    {
        if (message is not Terminated terminated)
            return false;
        if (terminated.ActorRef.Equals(_user))
            Context.Stop(_system!);
        else if (terminated.ActorRef.Equals(_system))
            Context.Stop(Self);
        return true;
    }

    protected override SupervisorStrategy SupervisorStrategy() => Supervision.SupervisorStrategy.StoppingStrategy;
}
