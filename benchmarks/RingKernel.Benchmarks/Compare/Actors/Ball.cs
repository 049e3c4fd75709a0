namespace RingKernel.Benchmarks.Compare.Actors;

/// <summary>The message the throughput benchmarks bounce; one instance is reused, so neither side allocates per message.</summary>
internal sealed class Ball
{
    public static readonly Ball Instance = new();
}
