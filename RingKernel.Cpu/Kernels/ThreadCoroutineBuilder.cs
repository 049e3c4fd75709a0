using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace RingKernel.Cpu.Kernels;

/// <summary>
/// The async method builder of <see cref="ThreadCoroutine"/> bodies; the C# compiler calls it,
/// kernel code never does. It runs the body synchronously up to its first barrier, then moves the
/// state machine into the thread slot's reusable <see cref="ThreadCoroutineBox"/>, from which the
/// workgroup scheduler resumes it barrier by barrier. Nothing is scheduled, captured or allocated:
/// no task, no continuation delegate, no execution context.
/// </summary>
/// <remarks>
/// A fault in the body is rethrown out of the resume (stack trace kept), so the scheduler names the
/// thread that threw without checking a result after every step.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct ThreadCoroutineBuilder
{
    private ThreadCoroutineBox? _box;

    public static ThreadCoroutineBuilder Create() => default;

    /// <summary>The coroutine for the scheduler: its box when the body waits, nothing when it ran to its end.</summary>
    public readonly ThreadCoroutine Task => new(_box);

    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "The compiler calls the builder pattern's members on the builder instance.")]
    public readonly void Start<TStateMachine>(ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine => stateMachine.MoveNext();

    /// <summary>Not used: the builder boxes the state machine itself, into the slot's pooled box.</summary>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "The compiler calls the builder pattern's members on the builder instance.")]
    public readonly void SetStateMachine(IAsyncStateMachine stateMachine)
    {
    }

    public readonly void SetResult()
    {
        if (_box is { } box)
            box.InUse = false;
    }

    public readonly void SetException(Exception exception)
    {
        if (_box is { } box)
            box.InUse = false;
        ExceptionDispatchInfo.Throw(exception);
    }

    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion
        where TStateMachine : IAsyncStateMachine => Suspend(ref awaiter, ref stateMachine);

    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion
        where TStateMachine : IAsyncStateMachine => Suspend(ref awaiter, ref stateMachine);

    /// <summary>The body waits at a barrier: after the first, its state is in the box already and only the wait is noted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Suspend<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine
    {
        // Constant for the struct awaiters the compiler passes, so this check costs nothing.
        if (typeof(TAwaiter) != typeof(WorkgroupBarrierAwaiter))
            ThrowNotABarrier(typeof(TAwaiter));
        if (_box is { } box)
            box.Suspended = true;
        else
            MoveIntoBox(ref stateMachine, Unsafe.As<TAwaiter, WorkgroupBarrierAwaiter>(ref awaiter).Thread);
    }

    /// <summary>The body's first wait: copy its state machine into its thread slot's box, which it then runs from.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void MoveIntoBox<TStateMachine>(ref TStateMachine stateMachine, ThreadContext? thread)
        where TStateMachine : IAsyncStateMachine
    {
        // The common case in one test: the slot's only box is of this body's type and free, and the
        // scheduler is starting bodies. Anything else goes through the checks one by one.
        if (thread?.CoroutineBoxes is not ThreadCoroutineBox<TStateMachine> { InUse: false, Next: null } box || !thread.Workgroup.IsStartingCoroutines)
            box = CheckedBox<TStateMachine>(thread);
        box.InUse = true;
        _box = box; // before the copy, so that the boxed builder knows its box
        box.StateMachine = stateMachine;
    }

    private static ThreadCoroutineBox<TStateMachine> CheckedBox<TStateMachine>(ThreadContext? thread)
        where TStateMachine : IAsyncStateMachine
    {
        if (thread is null)
            throw new InvalidOperationException("A thread coroutine awaited default(ThreadBarrier); await thread.Barrier() instead.");
        if (!thread.Workgroup.IsStartingCoroutines)
        {
            throw new InvalidOperationException(
                "A ThreadCoroutine waited at a barrier without being a thread body started by a kernel backend; " +
                "call helpers that wait at barriers only as plain code between the body's own awaits.");
        }

        if (thread.HasCoroutineInUse())
        {
            throw new InvalidOperationException(
                $"Thread {thread.ThreadId} started a second coroutine that waits at a barrier while its body still runs; " +
                "a thread runs one coroutine, so call helpers that wait at barriers only as plain code between the body's own awaits.");
        }

        return thread.CoroutineBox<TStateMachine>();
    }

    private static void ThrowNotABarrier(Type awaiter) =>
        throw new NotSupportedException($"A thread coroutine awaited a {awaiter.Name}; it may await only thread.Barrier(), since its workgroup is stepped barrier by barrier on one OS thread.");
}
