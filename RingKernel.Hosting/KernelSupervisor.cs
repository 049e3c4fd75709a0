using Akka.Actor;

namespace RingKernel.Hosting;

/// <summary>
/// The parent of one kernel actor: its strategy decides on the kernel's faults. It lives as long as its
/// kernel actor and stops when that stops (by its strategy's Stop, or coordinated shutdown).
/// </summary>
internal sealed class KernelSupervisor(Props kernelProps, string kernelName, SupervisorStrategy strategy) : UntypedActor
{
    private IActorRef _kernel = ActorRefs.Nobody;

    public static Props Props(Props kernelProps, string kernelName, SupervisorStrategy strategy) =>
        Akka.Actor.Props.Create(() => new KernelSupervisor(kernelProps, kernelName, strategy));

    protected override void PreStart()
    {
        _kernel = Context.ActorOf(kernelProps, kernelName);
        Context.Watch(_kernel);
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case GetKernel:
                Sender.Tell(_kernel, Self);
                break;
            case Terminated terminated when terminated.ActorRef.Equals(_kernel):
                Context.Stop(Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    protected override SupervisorStrategy SupervisorStrategy() => strategy;

    /// <summary>Asks for the kernel actor, answered with its <see cref="IActorRef"/>.</summary>
    public sealed class GetKernel
    {
        public static GetKernel Instance { get; } = new();

        private GetKernel()
        {
        }
    }
}
