namespace RingKernel.Kernels;

/// <summary>
/// The heap home of one thread's suspended <see cref="ThreadCoroutine"/> body: created once per
/// thread slot and body type, then reused by that slot for every workgroup and dispatch.
/// </summary>
internal abstract class ThreadCoroutineBox
{
    /// <summary>The slot's box for another body type, so kernels that alternate keep theirs.</summary>
    internal ThreadCoroutineBox? Next { get; init; }

    /// <summary>True from the body's first wait until it finishes: the box holds a live coroutine.</summary>
    internal bool InUse { get; set; }

    /// <summary>Runs the body to its next barrier or its end; true when it waits at a barrier.</summary>
    internal abstract bool Resume();

    /// <summary>Drops the finished (or abandoned) body's state, so the box keeps no arguments alive.</summary>
    internal abstract void Release();

}
