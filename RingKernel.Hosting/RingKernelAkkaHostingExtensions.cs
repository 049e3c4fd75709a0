using Akka.Hosting;

namespace RingKernel.Hosting;

/// <summary>Adds ring kernel actors to an actor system that Akka.Hosting starts with a Generic Host.</summary>
/// <example><code>
/// services.AddAkka("gpu", builder => builder
///     .ConfigureLoggers(loggers => loggers.AddLoggerFactory())
///     .WithRingKernels(kernels => kernels
///         .WithBackend(new CpuBackend())
///         .WithKernelActor&lt;Tripler, object?&gt;("tripler", definition, args: null, options)));
/// // later: IActorRef tripler = registry.Get&lt;Tripler&gt;(); Number n = await tripler.Ask&lt;Number&gt;(new Number(7));
/// </code></example>
public static class RingKernelAkkaHostingExtensions
{
    /// <summary>
    /// Declares backends and kernel actors; when the actor system starts, each kernel actor starts under a
    /// supervisor of its own and is registered in the <see cref="ActorRegistry"/> under its key. When the host
    /// stops, coordinated shutdown ends every kernel and frees its memory before the actor system terminates;
    /// backends that are <see cref="IDisposable"/> are disposed in its last phase, after that.
    /// </summary>
    /// <exception cref="ArgumentException">A name or key is used twice, a name is not a valid actor name, or a backend cannot run here.</exception>
    /// <exception cref="InvalidOperationException">A kernel actor has no backend, or its backend is ambiguous or not declared.</exception>
    public static AkkaConfigurationBuilder WithRingKernels(this AkkaConfigurationBuilder builder, Action<RingKernelsBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var kernels = new RingKernelsBuilder();
        configure(kernels);
        RingKernelsStarter starter = kernels.Build();
        return builder.WithActors(starter.StartAsync);
    }
}
