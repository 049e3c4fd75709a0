using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RingKernel.Actors;
using RingKernel.Hosting;

namespace ActorHosting;

/// <summary>An ordinary hosted service that asks an actor for its state every few seconds.</summary>
public sealed partial class CountReporter(ActorRegistry actors, ILogger<CountReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(3));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                int count = await actors.Get<TickCounter>().Ask<int>(GetCount.Instance, TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
                LogCount(logger, count);
            }
            catch (AskTimeoutException)
            {
                LogNoAnswer(logger);
            }
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "The counter says {Count}")]
    private static partial void LogCount(ILogger logger, int count);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "The counter is backing off and did not answer")]
    private static partial void LogNoAnswer(ILogger logger);
}
