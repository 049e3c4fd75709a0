using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace RingKernel.Cpu.Kernels;

/// <summary>
/// Makes <c>await thread.Barrier()</c> suspend a <see cref="ThreadCoroutine"/> body until every
/// thread of the workgroup has reached the barrier. Only a <see cref="ThreadCoroutine"/> body can
/// wait on it; an ordinary async method that awaits a barrier faults.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct WorkgroupBarrierAwaiter : ICriticalNotifyCompletion
{
    /// <remarks>One reference, so that the copy the compiler keeps in the suspended state machine stays small; the barrier's name is noted on the thread.</remarks>
    internal WorkgroupBarrierAwaiter(ThreadContext? thread) => Thread = thread;

    /// <summary>Always false: a barrier waits for the rest of the workgroup.</summary>
    public bool IsCompleted => false;

    internal ThreadContext? Thread { get; }

    /// <summary>
    /// Returns when the workgroup has passed the barrier; throws when the scheduler unwinds a failed
    /// workgroup, or when the barrier was awaited outside a <see cref="ThreadCoroutine"/> body.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void GetResult()
    {
        if (Thread is not { IsAbandoned: false, IsAwaitedOutsideCoroutine: false })
            ThrowBarrierFault();
    }

    public void OnCompleted(Action continuation) => ResumeOutsideCoroutine(continuation);

    public void UnsafeOnCompleted(Action continuation) => ResumeOutsideCoroutine(continuation);

    /// <summary>
    /// An ordinary async method awaited the barrier (a <see cref="ThreadCoroutine"/> body's builder
    /// never calls this). It is resumed at once with <see cref="GetResult"/> throwing, so its task
    /// faults with the reason: throwing here instead would crash the process, since a task builder
    /// rethrows such an exception on the thread pool.
    /// </summary>
    private void ResumeOutsideCoroutine(Action continuation)
    {
        if (Thread is null)
        {
            continuation();
            return;
        }

        Thread.IsAwaitedOutsideCoroutine = true;
        try
        {
            continuation();
        }
        finally
        {
            Thread.IsAwaitedOutsideCoroutine = false;
        }
    }

    private void ThrowBarrierFault()
    {
        if (Thread is null)
            throw new InvalidOperationException("default(ThreadBarrier) was awaited; await thread.Barrier() instead.");
        if (Thread.IsAbandoned)
            throw new OperationCanceledException($"Thread {Thread.ThreadId} was abandoned at {new WorkgroupBarrier(Thread.CoroutineBarrierName)}: its workgroup failed.");
        throw new InvalidOperationException("A workgroup barrier can be awaited only in a ThreadCoroutine body run by a kernel backend (async ThreadCoroutine Body(ThreadContext thread, TArgs args)).");
    }
}
