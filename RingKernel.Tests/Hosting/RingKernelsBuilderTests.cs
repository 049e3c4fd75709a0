using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RingKernel.Hosting;
using static RingKernel.Tests.Hosting.HostingKernels;

namespace RingKernel.Tests.Hosting;

/// <summary>Bad declarations fail while the host is configured, each with an error that says what is wrong.</summary>
public sealed class RingKernelsBuilderTests
{
    private static Exception Declare(Action<RingKernelsBuilder> kernels) =>
        Assert.ThrowsAny<Exception>(() => new AkkaConfigurationBuilder(new ServiceCollection(), "declarations").WithRingKernels(kernels));

    [Fact]
    public void A_kernel_actor_without_a_backend_is_refused()
    {
        Exception error = Declare(kernels => kernels.WithKernelActor<Tripler, object?>("tripler", Multiplier("tripler", 3), null, Options));
        Assert.IsType<InvalidOperationException>(error);
        Assert.Equal("Kernel actor 'tripler' has no backend to run on: declare one with WithBackend.", error.Message);
    }

    [Fact]
    public void A_name_declared_twice_is_refused()
    {
        Exception error = Declare(kernels => kernels
            .WithBackend(new HostedTestBackend())
            .WithKernelActor<Tripler, object?>("twice", Multiplier("tripler", 3), null, Options)
            .WithKernelActor<Doubler, object?>("twice", Multiplier("doubler", 2), null, Options));
        Assert.StartsWith("A kernel actor named 'twice' is already declared.", Assert.IsType<ArgumentException>(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_used_twice_is_refused()
    {
        Exception error = Declare(kernels => kernels
            .WithBackend(new HostedTestBackend())
            .WithKernelActor<Tripler, object?>("tripler", Multiplier("tripler", 3), null, Options)
            .WithKernelActor<Tripler, object?>("doubler", Multiplier("doubler", 2), null, Options));
        Assert.StartsWith("A kernel actor is already registered under Tripler.", Assert.IsType<ArgumentException>(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backend_name_declared_twice_is_refused()
    {
        Exception error = Declare(kernels => kernels.WithBackend(new HostedTestBackend("same")).WithBackend(new HostedTestBackend("same")));
        Assert.StartsWith("A backend named 'same' is already declared.", Assert.IsType<ArgumentException>(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_actor_name_is_refused()
    {
        Exception error = Declare(kernels => kernels
            .WithBackend(new HostedTestBackend())
            .WithKernelActor<Tripler, object?>("no/slashes", Multiplier("tripler", 3), null, Options));
        Assert.StartsWith("'no/slashes' is not a valid actor name.", Assert.IsType<ArgumentException>(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kernel_actor_must_name_its_backend_when_several_are_declared()
    {
        Exception error = Declare(kernels => kernels
            .WithBackend(new HostedTestBackend("first"))
            .WithBackend(new HostedTestBackend("second"))
            .WithKernelActor<Tripler, object?>("tripler", Multiplier("tripler", 3), null, Options));
        Assert.Equal(
            "Kernel actor 'tripler' names no backend, and several are declared (first, second): name one.",
            Assert.IsType<InvalidOperationException>(error).Message);
    }

    [Fact]
    public void A_kernel_actor_naming_an_undeclared_backend_is_refused()
    {
        Exception error = Declare(kernels => kernels
            .WithBackend(new HostedTestBackend("first"))
            .WithKernelActor<Tripler, object?>("tripler", Multiplier("tripler", 3), null, Options, backend: "cuda"));
        Assert.Equal(
            "Kernel actor 'tripler' runs on backend 'cuda', which is not declared (declared: first).",
            Assert.IsType<InvalidOperationException>(error).Message);
    }
}
