using RingKernel.Actors.Supervision;

namespace RingKernel.Actors.Guardians;

/// <summary>
/// Parent of the top-level actors (<c>/user</c>, created by <see cref="ActorSystem.ActorOf"/>) or of the
/// runtime's own actors (<c>/system</c>). It supervises them with the configured strategy; a failure it
/// escalates makes the root stop it, which terminates the system.
/// </summary>
internal sealed class GuardianActor(SupervisorStrategy strategy) : ActorBase
{
    protected override bool Receive(object message) => false;

    protected override SupervisorStrategy SupervisorStrategy() => strategy;
}
