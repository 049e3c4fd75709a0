namespace RingKernel.Benchmarks.Compare.KernelActors;

/// <summary>The 8-byte message of every kernel-actors benchmark: a ring slot's payload on our side, a boxed message to the plain Akka.NET actor.</summary>
internal readonly record struct Sample(long Value)
{
    /// <summary>The payload type id under which kernel actors carry it.</summary>
    public const uint TypeId = 1;

    /// <summary>A value the benchmark kernels fault on instead of processing it.</summary>
    public const long Poison = -1;
}
