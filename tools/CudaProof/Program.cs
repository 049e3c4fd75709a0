using RingKernel.Backends;
using RingKernel.Benchmarks.Compare;
using RingKernel.Benchmarks.Cuda;
using RingKernel.Cuda;
using RingKernel.Proof;

// The GPU proof, for a machine with an NVIDIA driver and the CUDA toolkit but no .NET SDK:
//   RingKernel.CudaProof [all|tests|compare] [--filter TEXT] [--full]
// all (default): the CUDA tests, then `compare cuda --quick` (--full: the full-size comparison).
// Exit 0 only when no test failed or skipped for want of a device, and the comparison ran.
string command = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && a != FilterValue()) ?? "all";
// The CUDA tests (RingKernel.Tests.Cuda) and the conformance suites run against the CUDA backend (Conformance.Cuda*).
IReadOnlyList<string> filters = FilterValue() is { } filter ? [filter] : ["RingKernel.Tests.Cuda.", "RingKernel.Tests.Conformance.Cuda"];
if (command is not ("all" or "tests" or "compare"))
{
    Console.Error.WriteLine("usage: RingKernel.CudaProof [all|tests|compare] [--filter TEXT] [--full]");
    return 2;
}

using (var probe = new CudaBackend())
    Console.WriteLine($"# {probe}");

int status = 0;
if (command is "all" or "tests")
    status |= new TestRunner(typeof(RingKernel.Tests.Cuda.CudaStencilTests).Assembly, "cuda", "CUDA is not available here", filters, Console.Out).Run();
if (command is "all" or "compare")
    status |= Compare(quick: !args.Contains("--full"));
return status;

string? FilterValue()
{
    int at = Array.IndexOf(args, "--filter");
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

// The lines `dotnet run --project benchmarks/RingKernel.Benchmarks -c Release -- compare cuda [--quick]` prints.
static int Compare(bool quick)
{
    Console.WriteLine($"# {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, {(quick ? "quick" : "full")} run");
    try
    {
        foreach (Comparison comparison in new CudaComparisonSuite().Run(quick))
            Console.WriteLine(comparison);
        return 0;
    }
    catch (BackendUnavailableException ex)
    {
        Console.WriteLine($"# cuda: not available here: {ex.Reason}");
        return 1;
    }
}
