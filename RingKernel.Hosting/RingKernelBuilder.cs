using Microsoft.Extensions.DependencyInjection;
using RingKernel.Actors;

namespace RingKernel.Hosting;

/// <summary>Returned by <c>AddRingKernel</c>: adds the actors to start with the host.</summary>
public sealed class RingKernelBuilder
{
    internal RingKernelBuilder(IServiceCollection services) => Services = services;

    public IServiceCollection Services { get; }

    /// <summary>
    /// Runs <paramref name="start"/> when the host starts, to create top-level actors and register them
    /// for other services; callbacks run in the order they were added.
    /// </summary>
    public RingKernelBuilder WithActors(Action<ActorSystem, ActorRegistry, IServiceProvider> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        Services.AddSingleton(new ActorStarter(start));
        return this;
    }

    /// <summary>Runs <paramref name="start"/> when the host starts.</summary>
    public RingKernelBuilder WithActors(Action<ActorSystem, ActorRegistry> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return WithActors((system, registry, _) => start(system, registry));
    }
}
