using RingKernel.Actors;

namespace RingKernel.Tests.Actors.Support;

/// <summary>
/// A counter that reports its lifecycle to a probe as "name:event" strings: ctor, prestart, poststop,
/// prerestart:MessageType (the failing message's type, or "none"), postrestart. "inc" counts, "get"
/// replies with the count, <see cref="Fail"/> and <see cref="FailAfterGate"/> throw.
/// </summary>
public sealed class LifecycleWorker : ReceiveActor
{
    private readonly IActorRef _probe;
    private readonly string _name;
    private int _count;

    public LifecycleWorker(IActorRef probe, string name)
    {
        _probe = probe;
        _name = name;
        probe.Tell(name + ":ctor", ActorRefs.NoSender);
        Receive<string>(s => s == "inc", _ => _count++);
        Receive<string>(s => s == "get", _ => Sender.Tell(_count, Self));
        Receive<Fail>(f => throw f.Cause);
        Receive<FailAfterGate>(f =>
        {
            f.Gate.Wait();
            throw f.Cause;
        });
        Receive<CreateChild>(c => Sender.Tell(Context.ActorOf(c.Props, c.Name), Self));
    }

    public static Props Props(IActorRef probe, string name) => RingKernel.Actors.Props.Create(() => new LifecycleWorker(probe, name));

    protected override void PreStart() => _probe.Tell(_name + ":prestart", ActorRefs.NoSender);

    protected override void PostStop() => _probe.Tell(_name + ":poststop", ActorRefs.NoSender);

    protected override void PreRestart(Exception reason, object? message)
    {
        _probe.Tell($"{_name}:prerestart:{message?.GetType().Name ?? "none"}", ActorRefs.NoSender);
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        _probe.Tell(_name + ":postrestart", ActorRefs.NoSender);
        base.PostRestart(reason);
    }
}
