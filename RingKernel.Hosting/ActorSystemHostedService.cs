using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RingKernel.Actors;

namespace RingKernel.Hosting;

/// <summary>
/// Starts the registered actors with the host and terminates the actor system when the host stops
/// (Ctrl+C, SIGTERM, <see cref="IHostApplicationLifetime.StopApplication"/>): every actor stops, children
/// first, and runs its PostStop before the host's shutdown continues. If the actor system terminates by
/// itself (its guardian failed), the application is stopped.
/// </summary>
internal sealed partial class ActorSystemHostedService(
    ActorSystem system,
    ActorRegistry registry,
    IEnumerable<ActorStarter> starters,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILogger<ActorSystemHostedService> logger) : IHostedService
{
    private volatile bool _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (ActorStarter starter in starters)
            starter.Start(system, registry, services);
        LogStarted(logger, system.Name);
        system.WhenTerminated.ContinueWith(
            _ =>
            {
                if (_stopping)
                    return;
                LogTerminatedUnexpectedly(logger, system.Name);
                lifetime.StopApplication();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        LogStopping(logger, system.Name);
        try
        {
            await system.Terminate().WaitAsync(cancellationToken).ConfigureAwait(false);
            LogStopped(logger, system.Name);
        }
        catch (OperationCanceledException)
        {
            LogShutdownTimedOut(logger, system.Name);
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Actor system {System} started")]
    private static partial void LogStarted(ILogger logger, string system);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Terminating actor system {System}")]
    private static partial void LogStopping(ILogger logger, string system);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Actor system {System} terminated")]
    private static partial void LogStopped(ILogger logger, string system);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Actor system {System} did not terminate within the host's shutdown timeout")]
    private static partial void LogShutdownTimedOut(ILogger logger, string system);

    [LoggerMessage(EventId = 14, Level = LogLevel.Error, Message = "Actor system {System} terminated on its own; stopping the application")]
    private static partial void LogTerminatedUnexpectedly(ILogger logger, string system);
}
