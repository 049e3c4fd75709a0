using RingKernel.Actors;
using RingKernel.Actors.Events;
using RingKernel.Actors.Supervision;
using RingKernel.TestKit;

namespace RingKernel.Tests.Cpu.KernelActors;

/// <summary>A test's actor system on a manual clock, a probe the parent tells every failure to, and a parent per kernel actor.</summary>
public abstract class KernelActorTestBase : RingKernel.TestKit.TestKit
{
    protected KernelActorTestBase()
        : this(new ManualTimeProvider())
    {
    }

    private KernelActorTestBase(ManualTimeProvider time)
        : base(new ActorSystemSettings { TimeProvider = time, StandardOutLogLevel = ActorLogLevel.Off })
    {
        Time = time;
        Faults = CreateTestProbe("faults");
        DefaultTimeout = TimeSpan.FromSeconds(20);
    }

    protected ManualTimeProvider Time { get; }

    /// <summary>Receives every exception a kernel actor's parent decides on.</summary>
    protected TestProbe Faults { get; }

    /// <summary>A kernel actor from <paramref name="props"/> under a parent that applies <paramref name="directive"/>.</summary>
    protected IActorRef Supervised(Props props, Directive directive)
    {
        IActorRef parent = ActorOf(Props.Create(() => new KernelSupervisor(props, directive, Faults.Ref)));
        parent.Tell("child");
        return ExpectMsg<IActorRef>();
    }

    /// <summary>An Ask that gives up after 20 s of real time, so a lost reply fails the test instead of hanging it.</summary>
    protected static async Task<T> AskAsync<T>(IActorRef target, object message)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await target.Ask<T>(message, cancellationToken: timeout.Token);
    }
}
