namespace RingKernel.Kernels;

/// <summary>
/// What a per-thread CPU kernel body yields to wait at a workgroup barrier
/// (<c>yield return thread.Barrier("after-load")</c>). A struct, so yielding it never allocates;
/// the name appears only in diagnostics.
/// </summary>
public readonly struct WorkgroupBarrier
{
    internal WorkgroupBarrier(string? name) => Name = name;

    /// <summary>The name given at the call site, or null.</summary>
    public string? Name { get; }

    public override string ToString() => Name is null ? "an unnamed barrier" : $"barrier '{Name}'";
}
