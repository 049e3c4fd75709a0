using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using RingKernel.Backends;
using RingKernel.Cpu;
using RingKernel.Kernels.Actors;
using Xunit.Abstractions;

namespace RingKernel.TestKit;

/// <summary>
/// An Akka.TestKit.Xunit2 <see cref="Akka.TestKit.Xunit2.TestKit"/> for kernel actors. Each test gets a
/// backend (<see cref="Backend"/>: the CPU backend unless the test class passes another) and an actor
/// system configured for kernels (Akka logs warnings and errors only; with <c>manualClock</c> its
/// scheduler is Akka's <see cref="TestScheduler"/>, so watchdog intervals and stall timeouts pass when the
/// test says, through <see cref="Clock"/>). <see cref="Supervised"/> puts a kernel actor under a parent
/// with the directive the test chooses; every fault the parent decides on arrives at <see cref="Faults"/>,
/// every launch of a kernel at <see cref="Launches"/>.
/// </summary>
public abstract class KernelTestKit : Akka.TestKit.Xunit2.TestKit
{
    private static readonly Config KernelConfig = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.log-dead-letters = off
        """);

    private static readonly Config ManualClockConfig = ConfigurationFactory.ParseString(
        """akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit" """);

    private readonly Lazy<IRingKernelBackend> _backend;
    private readonly bool _ownsBackend;

    /// <summary>A test kit whose kernels run on a CPU backend it creates for the test and disposes after it.</summary>
    /// <param name="manualClock">Whether the actor system's scheduler advances only through <see cref="Clock"/>.</param>
    /// <param name="output">xunit's output, for Akka's log.</param>
    protected KernelTestKit(bool manualClock = false, ITestOutputHelper? output = null)
        : this(new CpuBackend(), ownsBackend: true, manualClock, output)
    {
    }

    /// <summary>A test kit whose kernels run on <paramref name="backend"/>, which the caller owns (a class fixture, say).</summary>
    protected KernelTestKit(IRingKernelBackend backend, bool manualClock = false, ITestOutputHelper? output = null)
        : this(new Lazy<IRingKernelBackend>(backend ?? throw new ArgumentNullException(nameof(backend))), ownsBackend: false, manualClock, output)
    {
    }

    /// <summary>
    /// A test kit whose kernels run on the backend <paramref name="backend"/> returns at the first use of
    /// <see cref="Backend"/>, which the caller owns: a backend that may be missing on this machine can make
    /// the test skip there (Xunit.SkippableFact) instead of failing the test class's construction.
    /// </summary>
    protected KernelTestKit(Func<IRingKernelBackend> backend, bool manualClock = false, ITestOutputHelper? output = null)
        : this(new Lazy<IRingKernelBackend>(backend ?? throw new ArgumentNullException(nameof(backend))), ownsBackend: false, manualClock, output)
    {
    }

    private KernelTestKit(IRingKernelBackend backend, bool ownsBackend, bool manualClock, ITestOutputHelper? output)
        : this(new Lazy<IRingKernelBackend>(backend), ownsBackend, manualClock, output)
    {
    }

    private KernelTestKit(Lazy<IRingKernelBackend> backend, bool ownsBackend, bool manualClock, ITestOutputHelper? output)
        : base(manualClock ? ManualClockConfig.WithFallback(KernelConfig) : KernelConfig, "kernel-test", output)
    {
        _backend = backend;
        _ownsBackend = ownsBackend;
        Faults = CreateTestProbe("faults");
        Launches = CreateTestProbe("launches");
        Sys.EventStream.Subscribe(Launches.Ref, typeof(KernelLaunched));
    }

    /// <summary>The backend the test's kernels run on.</summary>
    protected IRingKernelBackend Backend => _backend.Value;

    /// <summary>Receives every exception a <see cref="Supervised"/> kernel actor's parent decides on, before the directive is applied.</summary>
    protected TestProbe Faults { get; }

    /// <summary>Receives a <see cref="KernelLaunched"/> for every launch of every kernel in the test's actor system.</summary>
    protected TestProbe Launches { get; }

    /// <summary>The manual scheduler, when the test kit was created with <c>manualClock</c>.</summary>
    /// <exception cref="InvalidOperationException">The scheduler is the real one.</exception>
    protected TestScheduler Clock =>
        Sys.Scheduler as TestScheduler ?? throw new InvalidOperationException("This test kit runs on the real clock; pass manualClock: true to advance time by hand.");

    /// <summary>
    /// A kernel actor from <paramref name="props"/> under a parent that applies <paramref name="directive"/>
    /// to every failure; waits for its first launch unless <paramref name="awaitLaunch"/> is false (for props
    /// of another actor, such as a parent of kernel actors).
    /// </summary>
    protected IActorRef Supervised(Props props, Directive directive, bool awaitLaunch = true)
    {
        IActorRef parent = Sys.ActorOf(Props.Create(() => new KernelSupervisor(props, directive, Faults.Ref)));
        TestProbe creator = CreateTestProbe();
        parent.Tell(KernelSupervisor.GetChild.Instance, creator.Ref);
        IActorRef kernel = creator.ExpectMsg<IActorRef>();
        if (awaitLaunch)
            ExpectKernelLaunch(kernel, 1);
        return kernel;
    }

    /// <summary>Expects <paramref name="kernel"/>'s launch number <paramref name="launch"/> (launches of other kernels in between are skipped).</summary>
    protected KernelLaunched ExpectKernelLaunch(IActorRef kernel, int launch, TimeSpan? within = null) =>
        (KernelLaunched)Launches.FishForMessage(m => m is KernelLaunched l && l.Kernel.Equals(kernel) && l.Launch == launch, within, $"launch {launch} of {kernel.Path}");

    /// <summary>Expects the supervisor to decide on a fault of type <typeparamref name="TException"/>, and returns it.</summary>
    protected TException ExpectKernelFault<TException>(TimeSpan? within = null)
        where TException : Exception =>
        Faults.ExpectMsg<TException>(within);

    /// <summary>Expects <paramref name="probe"/> to receive <paramref name="expected"/> (a kernel's reply, compared by value).</summary>
    protected static T ExpectKernelReply<T>(TestProbe probe, T expected, TimeSpan? within = null)
        where T : unmanaged, IEquatable<T>
    {
        ArgumentNullException.ThrowIfNull(probe);
        return probe.ExpectMsg<T>(r => r.Equals(expected), within);
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        if (_ownsBackend && _backend.IsValueCreated && _backend.Value is IDisposable disposable)
            disposable.Dispose();
    }
}
