using RingKernel.Actors;
using RingKernel.Actors.Supervision;

namespace RingKernel.Tests.Actors.Support;

/// <summary>
/// A parent with a given strategy: creates children on <see cref="CreateChild"/>, throws on
/// <see cref="Fail"/>, and reports its lifecycle to a probe like <see cref="LifecycleWorker"/>. With
/// <c>keepChildrenOnRestart</c> its PreRestart leaves the children running.
/// </summary>
public sealed class Supervisor : ReceiveActor
{
    private readonly SupervisorStrategy _strategy;
    private readonly IActorRef _probe;
    private readonly string _name;
    private readonly bool _keepChildrenOnRestart;

    public Supervisor(SupervisorStrategy strategy, IActorRef probe, string name, bool keepChildrenOnRestart = false)
    {
        _strategy = strategy;
        _probe = probe;
        _name = name;
        _keepChildrenOnRestart = keepChildrenOnRestart;
        probe.Tell(name + ":ctor", ActorRefs.NoSender);
        Receive<CreateChild>(c => Sender.Tell(Context.ActorOf(c.Props, c.Name), Self));
        Receive<Fail>(f => throw f.Cause);
    }

    public static Props Props(SupervisorStrategy strategy, IActorRef probe, string name, bool keepChildrenOnRestart = false) =>
        RingKernel.Actors.Props.Create(() => new Supervisor(strategy, probe, name, keepChildrenOnRestart));

    protected override SupervisorStrategy SupervisorStrategy() => _strategy;

    protected override void PreStart() => _probe.Tell(_name + ":prestart", ActorRefs.NoSender);

    protected override void PostStop() => _probe.Tell(_name + ":poststop", ActorRefs.NoSender);

    protected override void PreRestart(Exception reason, object? message)
    {
        _probe.Tell(_name + ":prerestart", ActorRefs.NoSender);
        if (_keepChildrenOnRestart)
            PostStop();
        else
            base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        _probe.Tell(_name + ":postrestart", ActorRefs.NoSender);
        base.PostRestart(reason);
    }
}
