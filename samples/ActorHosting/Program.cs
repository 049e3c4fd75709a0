using System.Globalization;
using ActorHosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RingKernel.Actors;
using RingKernel.Actors.Supervision;
using RingKernel.Hosting;

// An in-process actor system in a Generic Host. Ctrl+C (or SIGTERM, or --stop-after SECONDS) stops the
// host: the actor system terminates gracefully, every actor's PostStop runs, children before parents.
HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});

builder.Services.Configure<RingKernelOptions>(builder.Configuration.GetSection("RingKernel"));
builder.Services
    .AddRingKernel()
    .WithActors((system, registry) =>
    {
        Props counter = BackoffOptions
            .OnFailure(Props.Create<TickCounter>(), "counter", minBackoff: TimeSpan.FromSeconds(1), maxBackoff: TimeSpan.FromSeconds(8), randomFactor: 0.2)
            .Props();
        IActorRef supervisedCounter = system.ActorOf(counter, "counter-supervisor");
        registry.Register<TickCounter>(supervisedCounter);
        system.ActorOf(Props.Create(() => new Ticker(supervisedCounter)), "ticker");
    });
builder.Services.AddHostedService<CountReporter>();

if (builder.Configuration["stop-after"] is { } seconds)
{
    TimeSpan delay = TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture));
    builder.Services.AddHostedService(services => new StopAfter(delay, services.GetRequiredService<IHostApplicationLifetime>()));
}

using IHost host = builder.Build();
await host.RunAsync().ConfigureAwait(false);
