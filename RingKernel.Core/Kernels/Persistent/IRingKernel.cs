using RingKernel.Layouts;
using RingKernel.Rings;

namespace RingKernel.Kernels.Persistent;

/// <summary>
/// A persistent ring kernel on some backend: launched once, it loops over its input ring until it
/// is terminated. The host sends through <see cref="Input"/>, reads replies from <see cref="Output"/>
/// (one reader), and steers it through the <see cref="ControlBlock"/> with the lifecycle methods.
/// </summary>
/// <remarks>
/// Lifecycle (<see cref="RingKernelLifecycle"/>): Created → <see cref="Launch"/> → Launched →
/// <see cref="ActivateAsync"/> → Active ⇄ Inactive (<see cref="DeactivateAsync"/>) →
/// <see cref="TerminateAsync"/> → Terminating → Terminated; Faulted when the body throws. An illegal
/// call throws <see cref="InvalidKernelTransitionException"/> and changes nothing.
/// </remarks>
public interface IRingKernel : IAsyncDisposable
{
    string Name { get; }

    RingKernelState State { get; }

    /// <summary>Control block and rings; they outlive this instance (a relaunch reuses them).</summary>
    RingKernelMemory Memory { get; }

    MessageRing Input { get; }

    MessageRing Output { get; }

    ref ControlBlock ControlBlock { get; }

    /// <summary>Completes when the kernel's loop has ended: normally after terminate, faulted with a <see cref="KernelFaultedException"/>.</summary>
    Task Completion { get; }

    /// <summary>
    /// Calls <paramref name="callback"/> once the kernel's loop has ended (at once when it has): on the
    /// thread that ended it, before <see cref="Completion"/>'s continuations, which run on the thread pool.
    /// For an owner that only posts a note (an actor telling itself); it must not block.
    /// </summary>
    void OnEnded(Action callback);

    /// <summary>Whether the kernel faulted while processing a message, which is then the oldest in <see cref="Input"/>.</summary>
    bool FaultedOnMessage { get; }

    /// <summary>Starts the kernel's loop; it consumes nothing until activated.</summary>
    void Launch();

    /// <summary>Starts (or resumes) consumption; completes when the kernel has acknowledged.</summary>
    Task ActivateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts (or resumes) consumption without waiting for the acknowledgement: for an owner that learns
    /// of a fault through <see cref="OnEnded"/>, so that no waiter is woken when the kernel acknowledges.
    /// </summary>
    void Activate();

    /// <summary>Stops consumption after the message in hand; completes when the kernel has acknowledged. Messages stay queued.</summary>
    Task DeactivateAsync(CancellationToken cancellationToken = default);

    /// <summary>Ends the loop after the message in hand; completes when the kernel has stopped. Unprocessed messages stay in the input ring.</summary>
    Task TerminateAsync(CancellationToken cancellationToken = default);
}
