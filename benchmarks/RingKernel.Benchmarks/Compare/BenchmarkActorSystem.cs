using Akka.Actor;
using Akka.Configuration;

namespace RingKernel.Benchmarks.Compare;

/// <summary>The actor system each benchmark side runs in: warnings and errors only, so start-up, shutdown and dead-letter notes do not interleave with the result lines.</summary>
internal static class BenchmarkActorSystem
{
    private static readonly Config Quiet = ConfigurationFactory.ParseString("""
        akka {
          loglevel = WARNING
          stdout-loglevel = WARNING
          log-config-on-start = off
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          coordinated-shutdown.run-by-clr-shutdown-hook = off
        }
        """);

    public static ActorSystem Create(string name) => ActorSystem.Create(name, Quiet);

    /// <summary>Terminates <paramref name="system"/> and waits for it, so no side's threads outlive its measurement.</summary>
    public static void Shutdown(ActorSystem system)
    {
        if (!system.Terminate().Wait(TimeSpan.FromSeconds(10)))
            throw new TimeoutException($"Actor system '{system.Name}' did not terminate within 10 s.");
    }
}
