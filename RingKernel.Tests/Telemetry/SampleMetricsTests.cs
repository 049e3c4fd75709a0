using Akka.Actor;
using Akka.Configuration;
using RingKernel.Cpu;
using RingKernel.Kernels.Actors;
using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Samples.Imaging;
using RingKernel.Telemetry;
using RingKernel.Tests.Cpu.RingKernels;
using static RingKernel.Tests.KernelActors.KernelActorKernels;
using static RingKernel.Tests.Telemetry.TelemetryKernels;

namespace RingKernel.Tests.Telemetry;

/// <summary>The samples' <c>--metrics</c>: with output redirected, the totals are printed once, after the run.</summary>
public sealed class SampleMetricsTests : IDisposable
{
    private static readonly StencilSampleSpec Spec = new(
        "fake", 2, DefaultSize: 16, DefaultSteps: 3, DefaultOutput: "fake.png",
        [new StencilEngine("tiles", "many tiles", (tiles, halo) => null)]);

    private readonly string _folder = Directory.CreateTempSubdirectory("ringkernel-metrics-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_run_with_metrics_prints_the_kernel_actors_launches_Asks_and_rings()
    {
        string name = UniqueName("sample");
        var output = new StringWriter();
        string[] args = ["--steps", "12", "--metrics", "--output", Path.Combine(_folder, "field.png")];

        int code = StencilSampleHost.Run(args, Spec, _ => new AskingSimulation(name), output, new StringWriter());

        Assert.Equal(0, code);
        string printed = output.ToString();
        Assert.Contains(SimulationProgress.Title(12, 12), printed, StringComparison.Ordinal);
        string[] ours = [.. printed.Split(Environment.NewLine).Where(line => line.Contains($"kernel.name={name}", StringComparison.Ordinal))];
        Assert.Single(ours, line => Row(line) is [RingKernelInstruments.KernelLaunches, _, "1", "{launch}"]);
        Assert.Single(ours, line => Row(line) is [RingKernelInstruments.AskDuration, _, var value, ""] && value.StartsWith("n=12 mean ", StringComparison.Ordinal));
        Assert.Single(ours, line => Row(line) is [RingKernelInstruments.RingMessagesEnqueued, var attributes, "12", "{message}"] && attributes.Contains("ring.role=input", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_metrics_no_table_is_printed()
    {
        var output = new StringWriter();
        Assert.Equal(0, StencilSampleHost.Run(["--steps", "2", "--output", Path.Combine(_folder, "field.png")], Spec, _ => new AskingSimulation(UniqueName("quiet")), output, new StringWriter()));
        Assert.DoesNotContain("RingKernel telemetry", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(RingKernelInstruments.KernelLaunches, output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The cells of a table row: instrument, attributes, value, unit.</summary>
    private static string[] Row(string line) => line.Split('│', StringSplitOptions.TrimEntries)[1..^1];

    /// <summary>A simulation whose every step is one Ask to a kernel actor of its own.</summary>
    private sealed class AskingSimulation : IStencilSimulation, IDisposable
    {
        private readonly ActorSystem _system = ActorSystem.Create("sample-metrics", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        private readonly KernelRef<Number, Number> _kernel;

        public AskingSimulation(string kernelName)
        {
            IActorRef actor = _system.ActorOf(KernelActor.Props(new CpuBackend(1), Tripler(kernelName), (object?)null, Options()));
            _kernel = actor.GetKernelRefAsync<Number, Number>().GetAwaiter().GetResult();
        }

        public string Description => "asks";

        public string EngineDescription => "one kernel actor";

        public long CellsPerStep => 128;

        public void RunSteps(int steps)
        {
            for (int i = 0; i < steps; i++)
                Assert.Equal(new Number(3 * i), _kernel.Ask(new Number(i)).AsTask().GetAwaiter().GetResult());
        }

        public FieldPicture Picture() =>
            new([.. Enumerable.Range(0, 128).Select(i => (float)i)], 16, 8, ColorMap.Inferno, CentredOnZero: false, "the asked quantity");

        public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(30));
    }
}
