namespace RingKernel.Kernels;

/// <summary>
/// A workgroup barrier: what a per-thread CPU kernel body yields (<c>yield return
/// thread.Barrier("after-load")</c>) or awaits (<c>await thread.Barrier("after-load")</c>) to wait
/// until every thread of its workgroup has reached it. A struct holding only the name, so waiting
/// never allocates and an unnamed barrier stores no reference; the name appears only in diagnostics.
/// </summary>
public readonly struct WorkgroupBarrier
{
    internal WorkgroupBarrier(string? name) => Name = name;

    /// <summary>The name given at the call site, or null.</summary>
    public string? Name { get; }

    /// <summary>For <c>await</c> in a <see cref="ThreadCoroutine"/> body.</summary>
    public WorkgroupBarrierAwaiter GetAwaiter() => new(Name);

    public override string ToString() => Name is null ? "an unnamed barrier" : $"barrier '{Name}'";
}
