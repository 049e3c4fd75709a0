namespace RingKernel.Benchmarks.Compare.KernelActors;

/// <summary>
/// Shared by a restart benchmark's consumer and its caller: when the consumer last threw, and how many
/// times it was started (instances of the plain actor, launches with fresh arguments of the kernel), so
/// the caller can check that every poison message really caused a restart.
/// </summary>
internal sealed class FaultClock
{
    private long _thrownAt;
    private int _starts;

    public long ThrownAt => Volatile.Read(ref _thrownAt);

    public int Starts => Volatile.Read(ref _starts);

    public void Thrown(long timestamp) => Volatile.Write(ref _thrownAt, timestamp);

    /// <summary>Counts a start and returns this clock, so it can serve as the arguments of each kernel launch.</summary>
    public FaultClock Started()
    {
        Interlocked.Increment(ref _starts);
        return this;
    }
}
