using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RingKernel.Actors;
using RingKernel.Actors.Events;

namespace RingKernel.Hosting;

/// <summary>Registers an in-process actor system with a Generic Host.</summary>
public static class RingKernelServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="ActorSystem"/> singleton configured by <see cref="RingKernelOptions"/>
    /// (<paramref name="configure"/>, configuration binding, or both), its log events and dead letters
    /// forwarded to <see cref="ILogger"/>, an <see cref="ActorRegistry"/>, and a hosted service that starts
    /// the actors given to <see cref="RingKernelBuilder.WithActors(Action{ActorSystem, ActorRegistry})"/> and
    /// terminates the system gracefully when the host stops. A <see cref="TimeProvider"/> registered in the
    /// container becomes the system's clock.
    /// </summary>
    public static RingKernelBuilder AddRingKernel(this IServiceCollection services, Action<RingKernelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<RingKernelOptions>();
        if (configure is not null)
            services.Configure(configure);
        services.TryAddSingleton<ActorRegistry>();
        services.TryAddSingleton(CreateSystem);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ActorSystemHostedService>());
        return new RingKernelBuilder(services);
    }

    private static ActorSystem CreateSystem(IServiceProvider services)
    {
        RingKernelOptions options = services.GetRequiredService<IOptions<RingKernelOptions>>().Value;
        ActorSystem system = ActorSystem.Create(options.SystemName, new ActorSystemSettings
        {
            Throughput = options.Throughput,
            AskTimeout = options.AskTimeout,
            LogLevel = options.LogLevel,
            TimeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System,
            // The host's logging takes over from standard output.
            StandardOutLogLevel = ActorLogLevel.Off,
        });
        ILoggerFactory? loggers = services.GetService<ILoggerFactory>();
        if (loggers is not null)
            ActorLoggingBridge.Attach(system, loggers, options.LogDeadLetters);
        return system;
    }
}
