using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RingKernel.Hosting;
using RingKernel.Kernels.Actors;
using RingKernel.Kernels.Persistent;
using RingKernel.Tests.Cpu.RingKernels;
using static RingKernel.Tests.Hosting.HostingKernels;

namespace RingKernel.Tests.Hosting;

public sealed class RingKernelHostingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static IHost BuildHost(CapturingLoggerProvider logs, Action<RingKernelsBuilder> kernels) =>
        new HostBuilder()
            .ConfigureServices(services =>
            {
                services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
                services.AddAkka("hosting-tests", builder => builder
                    .ConfigureLoggers(loggers =>
                    {
                        loggers.ClearLoggers();
                        loggers.AddLoggerFactory();
                    })
                    .WithRingKernels(kernels));
            })
            .Build();

    /// <summary>A host with two kernel actors on <paramref name="backend"/>: a tripler under <see cref="Tripler"/>, a doubler under <see cref="Doubler"/>.</summary>
    private static IHost BuildTriplerAndDoublerHost(HostedTestBackend backend) =>
        BuildHost(new CapturingLoggerProvider(), kernels => kernels
            .WithBackend(backend)
            .WithKernelActor<Tripler, object?>("tripler", Multiplier("tripler", 3), null, Options)
            .WithKernelActor<Doubler, object?>("doubler", Multiplier("doubler", 2), null, Options));

    [Fact]
    public async Task Kernel_actors_registered_by_key_answer_asks_with_exact_values()
    {
        var backend = new HostedTestBackend();
        using IHost host = BuildTriplerAndDoublerHost(backend);
        await host.StartAsync().WaitAsync(Timeout);

        ActorRegistry registry = host.Services.GetRequiredService<ActorRegistry>();
        IActorRef tripler = registry.Get<Tripler>();
        IActorRef doubler = registry.Get<Doubler>();
        Assert.Equal("/user/tripler-supervisor/tripler", tripler.Path.ToStringWithoutAddress());
        Assert.Equal("/user/doubler-supervisor/doubler", doubler.Path.ToStringWithoutAddress());

        long[] tripled = await Task.WhenAll(Enumerable.Range(1, 50).Select(async i => (await tripler.Ask<Number>(new Number(i), Timeout)).Value)).WaitAsync(Timeout);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => 3L * i), tripled);
        Assert.Equal(new Number(14), await doubler.Ask<Number>(new Number(7), Timeout).WaitAsync(Timeout));
        Assert.Equal(["tripler", "doubler"], backend.Tracking.Kernels.Select(k => k.Name).Order(StringComparer.Ordinal).Reverse());

        await host.StopAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_kernel_fault_reaches_ILogger_and_the_default_strategy_restarts_the_kernel()
    {
        var logs = new CapturingLoggerProvider();
        var backend = new HostedTestBackend();
        using IHost host = BuildHost(logs, kernels => kernels
            .WithBackend(backend)
            .WithKernelActor<Tripler, object?>("tripler", Multiplier("tripler", 3), null, Options));
        await host.StartAsync().WaitAsync(Timeout);
        IActorRef tripler = host.Services.GetRequiredService<ActorRegistry>().Get<Tripler>();
        // Once the kernel actor has answered, its first launch is published: the recorder sees only the relaunch.
        Assert.Equal(new Number(21), await tripler.Ask<Number>(new Number(7), Timeout).WaitAsync(Timeout));
        ConcurrentQueue<KernelLaunched> launches = EventRecorder.Record<KernelLaunched>(host.Services.GetRequiredService<ActorSystem>());

        KernelRequestFailedException failed = await Assert.ThrowsAsync<KernelRequestFailedException>(
            () => tripler.Ask<Number>(new Number(Poison), Timeout).WaitAsync(Timeout));
        Assert.Equal("tripler", failed.KernelName);
        Assert.Equal(new Number(24), await tripler.Ask<Number>(new Number(8), Timeout).WaitAsync(Timeout));

        await WaitUntil(() => !launches.IsEmpty && logs.Entries.Any(e => e.Exception is KernelFaultedException));
        KernelLaunched relaunch = Assert.Single(launches);
        Assert.Equal(new KernelLaunched(tripler, "tripler", 2, FreshArguments: true), relaunch);
        Assert.Equal(2, backend.Tracking.Kernels.Count);
        CapturingLoggerProvider.LogEntry fault = Assert.Single(logs.Entries, e => e.Exception is KernelFaultedException);
        Assert.Equal(LogLevel.Error, fault.Level);
        Assert.Equal("poison -1", fault.Exception!.GetBaseException().Message);

        await host.StopAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task The_supervisor_strategy_given_decides_on_the_kernel_actors_faults()
    {
        var backend = new HostedTestBackend();
        using IHost host = BuildHost(new CapturingLoggerProvider(), kernels => kernels
            .WithBackend(backend)
            .WithKernelActor<Tripler, object?>("tripler", Multiplier("tripler", 3), null, Options, new OneForOneStrategy(_ => Directive.Stop)));
        await host.StartAsync().WaitAsync(Timeout);
        ActorSystem system = host.Services.GetRequiredService<ActorSystem>();
        IActorRef tripler = host.Services.GetRequiredService<ActorRegistry>().Get<Tripler>();
        IActorRef supervisor = await system.ActorSelection("/user/tripler-supervisor").ResolveOne(Timeout).WaitAsync(Timeout);
        Task<bool> kernelStopped = tripler.WatchAsync();
        Task<bool> supervisorStopped = supervisor.WatchAsync();

        await Assert.ThrowsAsync<KernelRequestFailedException>(() => tripler.Ask<Number>(new Number(Poison), Timeout).WaitAsync(Timeout));

        Assert.True(await kernelStopped.WaitAsync(Timeout));
        Assert.True(await supervisorStopped.WaitAsync(Timeout));
        await WaitUntil(() => backend.Tracking.LiveBuffers == 0);
        Assert.True(Assert.Single(backend.Tracking.Kernels).Completion.IsCompleted);
        await host.StopAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_graceful_stop_ends_every_kernel_and_frees_its_memory_before_the_system_terminates()
    {
        var backend = new HostedTestBackend();
        using IHost host = BuildTriplerAndDoublerHost(backend);
        await host.StartAsync().WaitAsync(Timeout);
        ActorSystem system = host.Services.GetRequiredService<ActorSystem>();
        ActorRegistry registry = host.Services.GetRequiredService<ActorRegistry>();
        Assert.Equal(new Number(3), await registry.Get<Tripler>().Ask<Number>(new Number(1), Timeout).WaitAsync(Timeout));
        Assert.Equal(new Number(2), await registry.Get<Doubler>().Ask<Number>(new Number(1), Timeout).WaitAsync(Timeout));
        // A control block and two rings per kernel.
        Assert.Equal(6, backend.Tracking.LiveBuffers);

        await host.StopAsync().WaitAsync(Timeout);

        Assert.Equal(0, backend.Tracking.LiveBuffers);
        Assert.Equal(2, backend.Tracking.Kernels.Count);
        Assert.All(backend.Tracking.Kernels, kernel => Assert.True(kernel.Completion.IsCompleted, $"kernel {kernel.Name} has ended"));
        Assert.True(system.WhenTerminated.IsCompleted);
        Assert.True(backend.IsDisposed);
    }

    [Fact]
    public async Task A_kernel_actor_runs_on_the_backend_it_names()
    {
        var first = new HostedTestBackend("first");
        var second = new HostedTestBackend("second");
        using IHost host = BuildHost(new CapturingLoggerProvider(), kernels => kernels
            .WithBackend(first)
            .WithBackend(second)
            .WithKernelActor<Tripler, object?>("tripler", Multiplier("tripler", 3), null, Options, backend: "second"));
        await host.StartAsync().WaitAsync(Timeout);

        Assert.Equal(new Number(9), await host.Services.GetRequiredService<ActorRegistry>().Get<Tripler>().Ask<Number>(new Number(3), Timeout).WaitAsync(Timeout));
        Assert.Empty(first.Tracking.Kernels);
        Assert.Equal("tripler", Assert.Single(second.Tracking.Kernels).Name);

        await host.StopAsync().WaitAsync(Timeout);
        Assert.True(first.IsDisposed);
        Assert.True(second.IsDisposed);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (!condition())
            await Task.Delay(10, timeout.Token);
    }
}
