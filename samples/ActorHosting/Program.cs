using System.Globalization;
using ActorHosting;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using RingKernel.Cpu;
using RingKernel.Hosting;
using RingKernel.Kernels.Actors;
using RingKernel.Telemetry;

// A ring kernel as a supervised actor in a Generic Host with Akka.Hosting. A client asks it every half
// second; one poison value faults the kernel, and its supervisor restarts it. Ctrl+C (or SIGTERM, or
// --stop-after SECONDS) stops the host: coordinated shutdown ends the kernel and frees its memory.
// --metrics exports RingKernel's metrics through OpenTelemetry's console exporter every 5 s and at the stop.
bool metrics = args.Contains("--metrics");
HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = [.. args.Where(arg => arg != "--metrics")],
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Logging.ClearProviders()
    .AddConsole(console => console.FormatterName = StoryConsoleFormatter.FormatterName)
    .AddConsoleFormatter<StoryConsoleFormatter, ConsoleFormatterOptions>();

builder.Services.AddAkka("actor-hosting", (akka, services) =>
{
    ILoggerFactory loggers = services.GetRequiredService<ILoggerFactory>();
    akka.ConfigureLoggers(setup =>
        {
            // Akka speaks through ILogger, and only when something is wrong: no startup or shutdown chatter.
            setup.LogLevel = Akka.Event.LogLevel.WarningLevel;
            setup.ClearLoggers();
            setup.AddLoggerFactory();
        })
        // Subscribed before the kernel actor starts, so it tells launch 1 too.
        .WithActors((system, _) =>
        {
            IActorRef reporter = system.ActorOf(KernelLaunchReporter.Props(loggers.CreateLogger("kernel")), "launch-reporter");
            system.EventStream.Subscribe(reporter, typeof(KernelLaunched));
            system.EventStream.Subscribe(reporter, typeof(KernelReleased));
        })
        .WithRingKernels(kernels => kernels
            .WithBackend(new CpuBackend())
            .WithKernelActor<Tripler, object?>(
                "tripler", Tripler.Definition, args: null, Tripler.Options, KernelSupervision.RestartOnFault(loggers.CreateLogger("supervisor"))))
        .WithActors(async (system, registry) =>
        {
            IActorRef tripler = await registry.GetAsync<Tripler>().ConfigureAwait(false);
            IActorRef client = system.ActorOf(TriplerClient.Props(tripler, loggers.CreateLogger("client")), "client");
            LifetimeNarrator.Register(system, client, loggers.CreateLogger("host"));
        });
});

if (metrics)
{
    builder.Services.AddOpenTelemetry()
        .ConfigureResource(resource => resource.AddService("actor-hosting"))
        .WithMetrics(meters => meters
            .AddMeter(RingKernelTelemetry.MeterName)
            .AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 5000));
}

if (builder.Configuration["stop-after"] is { } seconds)
{
    TimeSpan delay = TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture));
    builder.Services.AddHostedService(services => new StopAfter(delay, services.GetRequiredService<IHostApplicationLifetime>()));
}

using IHost host = builder.Build();
await host.RunAsync().ConfigureAwait(false);
