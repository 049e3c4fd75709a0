using System.Reflection;
using System.Runtime.InteropServices;
using RingKernel.Backends;
using RingKernel.Benchmarks.Compare;

namespace RingKernel.Proof;

/// <summary>
/// The command line every backend's proof runner shares: <c>[all|tests|compare] [--filter TEXT] [--full]</c>.
/// all (default): the backend's tests, then its comparison suite quick (--full: full size). Exit 0 only
/// when no test failed or skipped for want of a device, and the comparison ran.
/// </summary>
/// <param name="backend">The backend's name as <c>compare</c> takes it ("cuda", "metal").</param>
/// <param name="testAssembly">The assembly holding the tests.</param>
/// <param name="noDeviceSkip">The skip reason that means no device was there (such a skip fails the proof).</param>
/// <param name="defaultFilters">The test classes the proof runs when no --filter is given.</param>
/// <param name="suite">The comparison suite, created only when the comparison runs.</param>
internal sealed class ProofProgram(string backend, Assembly testAssembly, string noDeviceSkip, IReadOnlyList<string> defaultFilters, Func<IComparisonSuite> suite)
{
    /// <summary>Runs the proof for <paramref name="args"/> after <paramref name="describeDevice"/> has printed what is there; returns the exit code.</summary>
    public int Run(string[] args, Action describeDevice)
    {
        string? filter = FilterValue(args);
        string command = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && a != filter) ?? "all";
        if (command is not ("all" or "tests" or "compare"))
        {
            Console.Error.WriteLine($"usage: {Assembly.GetEntryAssembly()?.GetName().Name} [all|tests|compare] [--filter TEXT] [--full]");
            return 2;
        }

        describeDevice();
        int status = 0;
        if (command is "all" or "tests")
            status |= new TestRunner(testAssembly, backend, noDeviceSkip, filter is null ? defaultFilters : [filter], Console.Out).Run();
        if (command is "all" or "compare")
            status |= Compare(quick: !args.Contains("--full"));
        return status;
    }

    private static string? FilterValue(string[] args)
    {
        int at = Array.IndexOf(args, "--filter");
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    /// <summary>The lines <c>dotnet run --project benchmarks/RingKernel.Benchmarks -c Release -- compare BACKEND [--quick]</c> prints.</summary>
    private int Compare(bool quick)
    {
        Console.WriteLine($"# {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {(quick ? "quick" : "full")} run");
        try
        {
            foreach (Comparison comparison in suite().Run(quick))
                Console.WriteLine(comparison);
            return 0;
        }
        catch (BackendUnavailableException ex)
        {
            Console.WriteLine($"# {backend}: not available here: {ex.Reason}");
            return 1;
        }
    }
}
