using Microsoft.Extensions.Hosting;

namespace ActorHosting;

/// <summary>With <c>--stop-after SECONDS</c>, stops the application as Ctrl+C would, for unattended runs.</summary>
public sealed class StopAfter(TimeSpan delay, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
        lifetime.StopApplication();
    }
}
