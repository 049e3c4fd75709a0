namespace RingKernel.Kernels;

/// <summary>
/// What the OS thread stepping a workgroup's <see cref="ThreadCoroutine"/> bodies tells the code
/// the compiler generates for them: the thread slot whose body is being started (its first wait
/// moves it into that slot's box) and whether barriers must throw. One per OS thread, as
/// schedulers on several cores step bodies at once.
/// </summary>
/// <remarks>
/// Kept here rather than in the awaited <see cref="WorkgroupBarrier"/>: a barrier that carried its
/// thread would make every <c>yield return</c> of an iterator body store a reference into its
/// iterator, a GC write barrier per thread per barrier. A thread-static lookup costs about as much
/// as a call, so a scheduler fetches <see cref="Current"/> once per workgroup, and a resumed
/// barrier reads a plain static before it looks here.
/// </remarks>
internal sealed class ThreadCoroutineSteps
{
    [ThreadStatic]
    private static ThreadCoroutineSteps? t_current;

    private static int s_faultingThreads;

    private BarrierFault _fault;

    /// <summary>Why awaited barriers throw on an OS thread, if they do.</summary>
    internal enum BarrierFault
    {
        None,

        /// <summary>The scheduler unwinds the coroutines of a failed workgroup.</summary>
        Abandoning,

        /// <summary>An ordinary async method awaited a barrier and is resumed so that it faults.</summary>
        AwaitedOutsideCoroutine,
    }

    /// <summary>This OS thread's stepping state.</summary>
    internal static ThreadCoroutineSteps Current => t_current ??= new ThreadCoroutineSteps();

    /// <summary>
    /// False while no OS thread makes barriers throw: the common case, checked with one load per
    /// resumed barrier instead of a thread-static lookup.
    /// </summary>
    internal static bool AnyFaulting => Volatile.Read(ref s_faultingThreads) != 0;

    /// <summary>The workgroup's thread slots while its bodies are started; null otherwise.</summary>
    internal ThreadContext[]? Threads { get; set; }

    /// <summary>The index in <see cref="Threads"/> of the body being started.</summary>
    internal int Starting { get; set; }

    internal BarrierFault Fault => _fault;

    /// <summary>Makes barriers awaited on this OS thread throw for <paramref name="fault"/> until <see cref="EndFault"/>.</summary>
    internal void BeginFault(BarrierFault fault)
    {
        if (_fault == BarrierFault.None)
            Interlocked.Increment(ref s_faultingThreads);
        _fault = fault;
    }

    internal void EndFault()
    {
        if (_fault != BarrierFault.None)
            Interlocked.Decrement(ref s_faultingThreads);
        _fault = BarrierFault.None;
    }
}
