using Akka.Actor;

namespace RingKernel.Benchmarks.Compare.KernelActors;

/// <summary>
/// The parent of a restart benchmark's child: starts it from the given props, answers
/// <see cref="GetChild"/> with it, and restarts it on every failure (OneForOneStrategy, no retry limit,
/// failure logging off so the benchmark does not time the logger).
/// </summary>
internal sealed class RestartingSupervisor(Props child) : UntypedActor
{
    private IActorRef _child = ActorRefs.Nobody;

    protected override void PreStart() => _child = Context.ActorOf(child, "child");

    protected override void OnReceive(object message)
    {
        if (message is GetChild)
            Sender.Tell(_child, Self);
        else
            Unhandled(message);
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(_ => Directive.Restart, loggingEnabled: false);

    /// <summary>Asks for the child's reference.</summary>
    public sealed class GetChild
    {
        public static readonly GetChild Instance = new();
    }
}
