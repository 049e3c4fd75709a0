namespace RingKernel.Benchmarks.Compare.Actors;

/// <summary>Messages one actor has processed, written by that actor and read by the measuring thread.</summary>
internal sealed class Counter
{
    private long _value;

    public long Value => Volatile.Read(ref _value);

    /// <summary>Single writer: a plain increment published with a volatile store.</summary>
    public void Increment() => Volatile.Write(ref _value, _value + 1);
}
