using System.Runtime.CompilerServices;

namespace RingKernel.Cpu.Kernels;

/// <summary>
/// A workgroup barrier as one thread reaches it: what <see cref="ThreadContext.Barrier()"/>
/// returns. An iterator body yields it (<c>yield return thread.Barrier()</c>: it converts to the
/// <see cref="WorkgroupBarrier"/> the iterator holds, the name only); a <see cref="ThreadCoroutine"/>
/// body awaits it (<c>await thread.Barrier()</c>: the awaiter keeps the thread, which a coroutine's
/// first wait needs to find its thread slot's box).
/// </summary>
/// <remarks>
/// Two types rather than one so that an iterator body never stores the thread: a reference stored
/// into an iterator at every <c>yield return</c> costs a GC write barrier per thread per barrier.
/// </remarks>
public readonly struct ThreadBarrier
{
    internal ThreadBarrier(ThreadContext thread, string? name)
    {
        Thread = thread;
        Name = name;
    }

    /// <summary>The name given at the call site, or null.</summary>
    public string? Name { get; }

    /// <summary>The thread that waits; null only for <c>default(ThreadBarrier)</c>.</summary>
    internal ThreadContext? Thread { get; }

    public static implicit operator WorkgroupBarrier(ThreadBarrier barrier) => barrier.ToWorkgroupBarrier();

    /// <summary>The barrier an iterator body yields: its name.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public WorkgroupBarrier ToWorkgroupBarrier() => new(Name);

    /// <summary>For <c>await</c> in a <see cref="ThreadCoroutine"/> body: notes the barrier's name on the waiting thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public WorkgroupBarrierAwaiter GetAwaiter()
    {
        Thread?.NoteCoroutineBarrier(Name);
        return new(Thread);
    }

    public override string ToString() => ToWorkgroupBarrier().ToString();
}
