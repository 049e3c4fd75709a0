using RingKernel.Actors;

namespace RingKernel.Hosting;

/// <summary>One <c>WithActors</c> callback: creates actors when the host starts.</summary>
internal sealed class ActorStarter(Action<ActorSystem, ActorRegistry, IServiceProvider> start)
{
    public void Start(ActorSystem system, ActorRegistry registry, IServiceProvider services) => start(system, registry, services);
}
