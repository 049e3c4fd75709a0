using System.Globalization;
using RingKernel.Actors;
using RingKernel.Actors.Events;
using Xunit.Abstractions;

namespace RingKernel.TestKit;

/// <summary>
/// Base class for xunit actor tests: every test gets a fresh <see cref="ActorSystem"/> (xunit builds a
/// new test class instance per test), a <see cref="TestKitBase.TestActor"/> that is the implicit sender
/// of <c>Tell</c> from test code, and the system is terminated, and checked to terminate, on disposal.
/// Standard-output logging is off; pass an <see cref="ITestOutputHelper"/> to see the system's log events
/// in the test output.
/// </summary>
public abstract class TestKit : TestKitBase, IDisposable
{
    private static long s_systemNumber;
    private readonly IDisposable? _outputSubscription;
    private bool _disposed;

    protected TestKit(ActorSystemSettings? settings = null, ITestOutputHelper? output = null, string? systemName = null)
        : base(CreateSystem(settings, systemName), "testActor")
    {
        ImplicitSender.Current = TestActor;
        if (output is not null)
            _outputSubscription = Sys.EventStream.Subscribe<LogEvent>(e => WriteLine(output, e.ToString()));
    }

    /// <summary>How long <see cref="Dispose()"/> waits for the system to terminate before failing the test.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Creates an actor under <c>/user</c>.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => Sys.ActorOf(props, name);

    public IActorRef ActorOf<TActor>(string? name = null)
        where TActor : ActorBase, new() => Sys.ActorOf<TActor>(name);

    /// <summary>A new probe in this test's system.</summary>
    public TestProbe CreateTestProbe(string? name = null) => new(Sys, name);

    /// <summary>Terminates the system and fails if it does not terminate within <see cref="ShutdownTimeout"/>.</summary>
    public void Shutdown()
    {
        if (!Sys.Terminate().Wait(ShutdownTimeout))
            throw Fail($"The actor system {Sys.Name} did not terminate within {Describe.Duration(ShutdownTimeout)}.");
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
            return;
        _disposed = true;
        try
        {
            Shutdown();
        }
        finally
        {
            _outputSubscription?.Dispose();
            if (ReferenceEquals(ImplicitSender.Current, TestActor))
                ImplicitSender.Current = null;
        }
    }

    private static ActorSystem CreateSystem(ActorSystemSettings? settings, string? systemName) =>
        ActorSystem.Create(
            systemName ?? "test-" + Interlocked.Increment(ref s_systemNumber).ToString(CultureInfo.InvariantCulture),
            settings ?? new ActorSystemSettings { StandardOutLogLevel = ActorLogLevel.Off });

    private static void WriteLine(ITestOutputHelper output, string line)
    {
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test has finished; xunit no longer accepts output for it.
        }
    }
}
