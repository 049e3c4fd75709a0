namespace RingKernel.Kernels;

/// <summary>
/// A workgroup barrier: what a per-thread CPU kernel body yields (<c>yield return
/// thread.Barrier("after-load")</c>) or awaits (<c>await thread.Barrier("after-load")</c>) to wait
/// until every thread of its workgroup has reached it. A struct, so waiting never allocates; the
/// name appears only in diagnostics.
/// </summary>
public readonly struct WorkgroupBarrier
{
    internal WorkgroupBarrier(ThreadContext? thread, string? name)
    {
        Thread = thread;
        Name = name;
    }

    /// <summary>The name given at the call site, or null.</summary>
    public string? Name { get; }

    /// <summary>The thread that waits; null only for <c>default(WorkgroupBarrier)</c>.</summary>
    internal ThreadContext? Thread { get; }

    /// <summary>For <c>await</c> in a <see cref="ThreadCoroutine"/> body: notes the barrier's name on the waiting thread.</summary>
    public WorkgroupBarrierAwaiter GetAwaiter()
    {
        Thread?.NoteCoroutineBarrier(Name);
        return new(Thread);
    }

    public override string ToString() => Name is null ? "an unnamed barrier" : $"barrier '{Name}'";
}
