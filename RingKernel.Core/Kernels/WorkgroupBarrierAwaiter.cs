using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace RingKernel.Kernels;

/// <summary>
/// Makes <c>await thread.Barrier()</c> suspend a <see cref="ThreadCoroutine"/> body until every
/// thread of the workgroup has reached the barrier. Only a <see cref="ThreadCoroutine"/> body can
/// wait on it; an ordinary async method that awaits a barrier faults.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct WorkgroupBarrierAwaiter : ICriticalNotifyCompletion
{
    internal WorkgroupBarrierAwaiter(string? name) => Name = name;

    /// <summary>Always false: a barrier waits for the rest of the workgroup.</summary>
    public bool IsCompleted => false;

    /// <summary>The barrier's name, for divergence reports.</summary>
    internal string? Name { get; }

    /// <summary>
    /// Returns when the workgroup has passed the barrier; throws when the scheduler unwinds a failed
    /// workgroup, or when the barrier was awaited outside a <see cref="ThreadCoroutine"/> body.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void GetResult()
    {
        if (ThreadCoroutineSteps.AnyFaulting && ThreadCoroutineSteps.Current.Fault != ThreadCoroutineSteps.BarrierFault.None)
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
    private static void ResumeOutsideCoroutine(Action continuation)
    {
        ThreadCoroutineSteps steps = ThreadCoroutineSteps.Current;
        steps.BeginFault(ThreadCoroutineSteps.BarrierFault.AwaitedOutsideCoroutine);
        try
        {
            continuation();
        }
        finally
        {
            steps.EndFault();
        }
    }

    private void ThrowBarrierFault()
    {
        if (ThreadCoroutineSteps.Current.Fault == ThreadCoroutineSteps.BarrierFault.Abandoning)
            throw new OperationCanceledException($"The thread waiting at {new WorkgroupBarrier(Name)} was abandoned: its workgroup failed.");
        throw new InvalidOperationException("A workgroup barrier can be awaited only in a ThreadCoroutine body run by a kernel backend (async ThreadCoroutine Body(ThreadContext thread, TArgs args)).");
    }
}
