using Akka.Actor;
using RingKernel.Cpu;
using RingKernel.TestKit;

namespace RingKernel.Tests.KernelActors;

/// <summary>Kernel actor tests on a shared one-worker CPU backend, with Asks that give up after 20 s so a lost reply fails instead of hanging.</summary>
public abstract class KernelActorTestBase(bool manualClock = false) : KernelTestKit(SharedBackend, manualClock)
{
    protected static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(20);

    private static readonly CpuBackend SharedBackend = new(1);

    protected static Task<T> AskAsync<T>(IActorRef target, object message) => target.Ask<T>(message, AskTimeout);
}
