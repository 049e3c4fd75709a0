namespace RingKernel.Benchmarks.Compare;

/// <summary>A group of ours-versus-baseline measurements run by <c>compare &lt;name&gt;</c>.</summary>
public interface IComparisonSuite
{
    /// <summary>The word after <c>compare</c> on the command line.</summary>
    string Name { get; }

    /// <summary>Runs every comparison, printing each as it completes. <paramref name="quick"/> keeps the whole suite under a minute.</summary>
    IEnumerable<Comparison> Run(bool quick);
}
