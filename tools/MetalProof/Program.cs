using RingKernel.Backends;
using RingKernel.Benchmarks.Compare;
using RingKernel.Benchmarks.Metal;
using RingKernel.Metal;
using RingKernel.Proof;

// The Metal proof, for a Mac (Apple silicon, macOS 13 or later) with or without the .NET SDK:
//   RingKernel.MetalProof [all|tests|compare] [--filter TEXT] [--full]
// all (default): the Metal tests and the conformance suites bound to Metal, then `compare metal --quick`
// (--full: the full-size comparison). Exit 0 only when no test failed or skipped for want of a device,
// and the comparison ran.
string command = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && a != FilterValue()) ?? "all";
// The Metal* test classes (RingKernel.Tests.Metal) and the conformance suites bound to Metal; the
// translation's staleness tests read the repository's files and run with the rest of the suite (test.sh).
IReadOnlyList<string> filters = FilterValue() is { } filter ? [filter] : ["RingKernel.Tests.Metal.Metal", "RingKernel.Tests.Conformance.Metal"];
if (command is not ("all" or "tests" or "compare"))
{
    Console.Error.WriteLine("usage: RingKernel.MetalProof [all|tests|compare] [--filter TEXT] [--full]");
    return 2;
}

Console.WriteLine(MetalBackend.IsAvailable ? $"# metal: available ({System.Runtime.InteropServices.RuntimeInformation.OSDescription})" : $"# metal: not available here: {MetalBackend.UnavailableReason}");

int status = 0;
if (command is "all" or "tests")
    status |= new TestRunner(typeof(RingKernel.Tests.Metal.MetalComputeTests).Assembly, "metal", "Metal is not available here", filters, Console.Out).Run();
if (command is "all" or "compare")
    status |= Compare(quick: !args.Contains("--full"));
return status;

string? FilterValue()
{
    int at = Array.IndexOf(args, "--filter");
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

// The lines `dotnet run --project benchmarks/RingKernel.Benchmarks -c Release -- compare metal [--quick]` prints.
static int Compare(bool quick)
{
    Console.WriteLine($"# {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, {(quick ? "quick" : "full")} run");
    try
    {
        foreach (Comparison comparison in new MetalComparisonSuite().Run(quick))
            Console.WriteLine(comparison);
        return 0;
    }
    catch (BackendUnavailableException ex)
    {
        Console.WriteLine($"# metal: not available here: {ex.Reason}");
        return 1;
    }
}
