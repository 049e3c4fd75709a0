using RingKernel.Actors;
using RingKernel.Actors.Supervision;

namespace RingKernel.Tests.Cpu.KernelActors;

/// <summary>A parent that creates one child from the props it is given, answers its creator with the child's handle, and tells every failure it decides on to a probe.</summary>
public sealed class KernelSupervisor : ReceiveActor
{
    private readonly SupervisorStrategy _strategy;

    public KernelSupervisor(Props child, Directive directive, IActorRef faults)
    {
        _strategy = new OneForOneStrategy(
            cause =>
            {
                faults.Tell(cause, ActorRefs.NoSender);
                return directive;
            },
            loggingEnabled: false);
        IActorRef created = Context.ActorOf(child, "kernel");
        Receive<string>(s => s == "child", _ => Sender.Tell(created, Self));
    }

    protected override SupervisorStrategy SupervisorStrategy() => _strategy;
}
