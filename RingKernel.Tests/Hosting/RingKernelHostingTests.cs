using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RingKernel.Actors;
using RingKernel.Actors.Events;
using RingKernel.Hosting;
using RingKernel.TestKit;
using Xunit;

namespace RingKernel.Tests.Hosting;

public sealed class RingKernelHostingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private sealed class EchoKey;

    private sealed class Echo : ReceiveActor
    {
        private readonly TaskCompletionSource _stopped;

        public Echo(TaskCompletionSource stopped)
        {
            _stopped = stopped;
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("echo failed"));
            Receive<string>(s => Sender.Tell("echo:" + s, Self));
        }

        protected override void PostStop() => _stopped.TrySetResult();
    }

    private static IHost BuildHost(CapturingLoggerProvider logs, TaskCompletionSource stopped, Action<IServiceCollection>? more = null)
    {
        var builder = new HostBuilder().ConfigureServices(services =>
        {
            services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
            services.AddRingKernel(options =>
                {
                    options.SystemName = "hosted";
                    options.Throughput = 7;
                    options.AskTimeout = TimeSpan.FromSeconds(4);
                })
                .WithActors((system, registry) => registry.Register<EchoKey>(system.ActorOf(Props.Create(() => new Echo(stopped)), "echo")));
            more?.Invoke(services);
        });
        return builder.Build();
    }

    [Fact]
    public async Task The_host_starts_the_actors_and_terminates_the_system_gracefully_on_stop()
    {
        var logs = new CapturingLoggerProvider();
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using IHost host = BuildHost(logs, stopped);
        await host.StartAsync().WaitAsync(Timeout);

        IActorRef echo = host.Services.GetRequiredService<ActorRegistry>().Get<EchoKey>();
        Assert.Equal("echo:hi", await echo.Ask<string>("hi").WaitAsync(Timeout));
        ActorSystem system = host.Services.GetRequiredService<ActorSystem>();
        Assert.False(system.WhenTerminated.IsCompleted);

        await host.StopAsync().WaitAsync(Timeout);

        Assert.True(system.WhenTerminated.IsCompletedSuccessfully);
        Assert.True(stopped.Task.IsCompletedSuccessfully, "the actor's PostStop ran before the host finished stopping");
        Assert.Contains(logs.Entries, e => e.Message == "Actor system hosted terminated");
    }

    [Fact]
    public async Task Options_configure_the_system()
    {
        using IHost host = BuildHost(new CapturingLoggerProvider(), new TaskCompletionSource());
        ActorSystem system = host.Services.GetRequiredService<ActorSystem>();
        Assert.Equal("hosted", system.Name);
        Assert.Equal(7, system.Settings.Throughput);
        Assert.Equal(TimeSpan.FromSeconds(4), system.Settings.AskTimeout);
        Assert.Equal(ActorLogLevel.Off, system.Settings.StandardOutLogLevel);
        await system.Terminate().WaitAsync(Timeout);
    }

    [Fact]
    public async Task Actor_failures_and_dead_letters_are_logged_through_ILogger()
    {
        var logs = new CapturingLoggerProvider();
        using IHost host = BuildHost(logs, new TaskCompletionSource());
        await host.StartAsync().WaitAsync(Timeout);
        IActorRef echo = host.Services.GetRequiredService<ActorRegistry>().Get<EchoKey>();

        echo.Tell("fail", ActorRefs.NoSender);
        host.Services.GetRequiredService<ActorSystem>().DeadLetters.Tell("nobody home", ActorRefs.NoSender);

        await WaitUntil(() => logs.Entries.Any(e => e.Exception is InvalidOperationException { Message: "echo failed" })
            && logs.Entries.Any(e => e.Message.Contains("nobody home", StringComparison.Ordinal)));
        var failure = logs.Entries.Single(e => e.Exception is InvalidOperationException);
        Assert.Equal(LogLevel.Error, failure.Level);
        Assert.Equal(typeof(RingKernel.Actors.Supervision.OneForOneStrategy).FullName, failure.Category);
        Assert.Contains("/user/echo", failure.Message, StringComparison.Ordinal);
        var deadLetter = logs.Entries.First(e => e.Message.Contains("nobody home", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, deadLetter.Level);
        await host.StopAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_system_that_terminates_on_its_own_stops_the_application()
    {
        var logs = new CapturingLoggerProvider();
        using IHost host = BuildHost(logs, new TaskCompletionSource());
        await host.StartAsync().WaitAsync(Timeout);
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopping = new TaskCompletionSource();
        using CancellationTokenRegistration registration = lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());

        await host.Services.GetRequiredService<ActorSystem>().Terminate().WaitAsync(Timeout);

        await stopping.Task.WaitAsync(Timeout);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("terminated on its own", StringComparison.Ordinal));
        await host.StopAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_TimeProvider_registered_in_the_container_drives_the_scheduler()
    {
        var time = new ManualTimeProvider();
        using IHost host = BuildHost(new CapturingLoggerProvider(), new TaskCompletionSource(), s => s.AddSingleton<TimeProvider>(time));
        await host.StartAsync().WaitAsync(Timeout);
        ActorSystem system = host.Services.GetRequiredService<ActorSystem>();
        Assert.Same(time, system.TimeProvider);
        var fired = new TaskCompletionSource();
        system.Scheduler.ScheduleOnce(TimeSpan.FromMinutes(5), () => fired.TrySetResult());
        Assert.False(fired.Task.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(fired.Task.IsCompleted);
        await host.StopAsync().WaitAsync(Timeout);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (!condition())
            await Task.Delay(10, cts.Token);
    }
}
