using Akka.Actor;

namespace RingKernel.TestKit;

/// <summary>
/// The parent a test puts a kernel actor under: it creates one child from the props it is given, applies
/// one directive to every failure (OneForOneStrategy, unlimited retries, no logging) and tells each
/// failure it decides on to a probe first, so a test can expect the fault and then its outcome.
/// </summary>
public sealed class KernelSupervisor : UntypedActor
{
    private readonly SupervisorStrategy _strategy;
    private readonly IActorRef _child;

    public KernelSupervisor(Props child, Directive directive, IActorRef faults)
    {
        _strategy = new OneForOneStrategy(
            cause =>
            {
                faults.Tell(cause, ActorRefs.NoSender);
                return directive;
            },
            loggingEnabled: false);
        _child = Context.ActorOf(child, "kernel");
    }

    /// <summary>Asks the supervisor for its child; the answer is the child's <see cref="IActorRef"/>.</summary>
    public sealed class GetChild
    {
        public static GetChild Instance { get; } = new();

        private GetChild()
        {
        }
    }

    protected override void OnReceive(object message)
    {
        if (message is GetChild)
            Sender.Tell(_child, Self);
        else
            Unhandled(message);
    }

    protected override SupervisorStrategy SupervisorStrategy() => _strategy;
}
