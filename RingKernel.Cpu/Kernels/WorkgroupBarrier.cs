namespace RingKernel.Cpu.Kernels;

/// <summary>
/// What a per-thread iterator body yields to wait at a workgroup barrier
/// (<c>yield return thread.Barrier("after-load")</c>, a <see cref="ThreadBarrier"/> converted). A
/// struct holding only the name, so yielding it never allocates and an unnamed barrier stores no
/// reference; the name appears only in diagnostics.
/// </summary>
public readonly struct WorkgroupBarrier
{
    internal WorkgroupBarrier(string? name) => Name = name;

    /// <summary>The name given at the call site, or null.</summary>
    public string? Name { get; }

    public override string ToString() => Name is null ? "an unnamed barrier" : $"barrier '{Name}'";
}
