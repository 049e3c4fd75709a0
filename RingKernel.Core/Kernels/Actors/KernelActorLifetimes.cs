using System.Collections.Concurrent;
using Akka.Actor;

namespace RingKernel.Kernels.Actors;

/// <summary>
/// The kernel actors of one actor system that still hold device memory. Its coordinated-shutdown task
/// (phase <c>before-actor-system-terminate</c>, which <c>ActorSystem.Terminate</c> and a Generic Host's
/// stop run) stops each of them and waits until every kernel has ended and its memory is freed, so a
/// graceful stop never leaves a kernel running behind a terminated actor system.
/// </summary>
internal sealed class KernelActorLifetimes : IExtension
{
    private readonly ConcurrentDictionary<IActorRef, Task> _holding = new();

    public KernelActorLifetimes(ExtendedActorSystem system)
    {
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "stop-kernel-actors", async () =>
        {
            foreach (IActorRef actor in _holding.Keys)
                actor.Tell(PoisonPill.Instance, ActorRefs.NoSender);
            await Task.WhenAll(_holding.Values).ConfigureAwait(false);
            return Akka.Done.Instance;
        });
    }

    public static KernelActorLifetimes For(ActorSystem system) => system.WithExtension<KernelActorLifetimes, Provider>();

    /// <summary>Tracks <paramref name="actor"/> until <paramref name="released"/> completes.</summary>
    public void Add(IActorRef actor, Task released)
    {
        _holding[actor] = released;
        released.ContinueWith(_ => _holding.TryRemove(actor, out Task? _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Completes once <paramref name="actor"/>'s kernel has ended and its memory is freed (at once for an actor that holds none).</summary>
    public Task Released(IActorRef actor) => _holding.TryGetValue(actor, out Task? released) ? released : Task.CompletedTask;

    private sealed class Provider : ExtensionIdProvider<KernelActorLifetimes>
    {
        public override KernelActorLifetimes CreateExtension(ExtendedActorSystem system) => new(system);
    }
}
