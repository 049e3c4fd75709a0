namespace RingKernel.Benchmarks.Compare;

/// <summary>Runs <c>compare &lt;suite&gt; [--quick]</c>: each suite's comparison lines on standard output.</summary>
public static class ComparisonRunner
{
    /// <summary>Every suite the command line can name.</summary>
    private static readonly IComparisonSuite[] Suites =
    [
        new RingsComparisonSuite(),
        new Cpu.CpuComparisonSuite(),
        new Stencils.StencilComparisonSuite(),
        new Vulkan.VulkanComparisonSuite(),
        new VulkanRings.VulkanRingKernelComparisonSuite(),
        new Cuda.CudaComparisonSuite(),
        new Metal.MetalComparisonSuite(),
        new KernelActors.KernelActorsComparisonSuite(),
        new Streams.StreamPipelineComparisonSuite(),
        new Cluster.ClusterComparisonSuite(),
    ];

    public static int Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        string[] names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        if (names.Length == 0)
        {
            Console.Error.WriteLine($"usage: compare <{string.Join('|', Suites.Select(s => s.Name))}|all> [--quick]");
            return 2;
        }

        var selected = new List<IComparisonSuite>();
        foreach (string name in names)
        {
            if (name == "all")
            {
                selected.AddRange(Suites);
                continue;
            }

            IComparisonSuite? suite = Suites.FirstOrDefault(s => s.Name == name);
            if (suite is null)
            {
                Console.Error.WriteLine($"compare: unknown suite '{name}'; known: {string.Join(", ", Suites.Select(s => s.Name))}");
                return 2;
            }

            selected.Add(suite);
        }

        double? handoff = CoreHandoffProbe.MeasureRoundTripNanoseconds();
        string handoffNote = handoff is { } ns ? $", cache line round trip between cores {ns:F0} ns" : "";
        Console.WriteLine($"# {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, {(quick ? "quick" : "full")} run{handoffNote}");
        int status = 0;
        foreach (IComparisonSuite suite in selected)
        {
            try
            {
                foreach (Comparison comparison in suite.Run(quick))
                    Console.WriteLine(comparison);
            }
            catch (RingKernel.Backends.BackendUnavailableException ex)
            {
                // A suite that needs a device this machine lacks measured nothing: say why, and fail the run.
                Console.WriteLine($"# {suite.Name}: not available here: {ex.Reason}");
                Console.Error.WriteLine($"compare: {ex.Message}");
                status = 1;
            }
        }

        return status;
    }
}
