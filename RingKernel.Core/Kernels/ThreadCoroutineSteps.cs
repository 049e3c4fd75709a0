namespace RingKernel.Kernels;

/// <summary>
/// What the OS thread stepping a workgroup's <see cref="ThreadCoroutine"/> bodies tells the code
/// the compiler generates for them: the thread slot whose body is being started (its first wait
/// moves it into that slot's box) and whether barriers must throw. Per OS thread, as schedulers
/// on several cores step bodies at once.
/// </summary>
/// <remarks>
/// Kept here rather than in the awaited <see cref="WorkgroupBarrier"/>: a barrier that carried its
/// thread would make every <c>yield return</c> of an iterator body store a reference into its
/// iterator, a GC write barrier per thread per barrier.
/// </remarks>
internal static class ThreadCoroutineSteps
{
    [ThreadStatic]
    private static ThreadContext[]? t_threads;

    [ThreadStatic]
    private static int t_starting;

    [ThreadStatic]
    private static BarrierFault t_fault;

    /// <summary>Why awaited barriers throw on this OS thread, if they do.</summary>
    internal enum BarrierFault
    {
        None,

        /// <summary>The scheduler unwinds the coroutines of a failed workgroup.</summary>
        Abandoning,

        /// <summary>An ordinary async method awaited a barrier and is resumed so that it faults.</summary>
        AwaitedOutsideCoroutine,
    }

    internal static BarrierFault Fault
    {
        get => t_fault;
        set => t_fault = value;
    }

    /// <summary>The workgroup's thread slots, set before its bodies are started (null outside a first round).</summary>
    internal static ThreadContext[]? Threads
    {
        get => t_threads;
        set => t_threads = value;
    }

    /// <summary>The index in <see cref="Threads"/> of the body being started.</summary>
    internal static int Starting
    {
        get => t_starting;
        set => t_starting = value;
    }
}
