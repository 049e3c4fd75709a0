using System.Runtime.CompilerServices;
using RingKernel.Kernels;

namespace RingKernel.Cpu.Kernels;

/// <summary>
/// What a pooled per-thread CPU body returns: the body is an <c>async ThreadCoroutine</c> method
/// that awaits <see cref="ThreadContext.Barrier()"/> wherever the GPU code has a workgroup barrier
/// (<see cref="CpuCoroutineBody{TArgs}"/>). The CPU backend keeps the suspended body in a state
/// box owned by the thread's slot and reuses it for the next workgroup, so running such a body
/// allocates nothing once the slot has its box.
/// </summary>
/// <remarks>
/// Only barriers may be awaited in such a body; awaiting anything that does not complete at once
/// (a task, a delay) fails the workgroup with a <see cref="KernelExecutionException"/>. A body runs
/// one coroutine per thread: another <c>async ThreadCoroutine</c> method called from it may not
/// wait at a barrier.
/// </remarks>
[AsyncMethodBuilder(typeof(ThreadCoroutineBuilder))]
public readonly struct ThreadCoroutine
{
    internal ThreadCoroutine(ThreadCoroutineBox? waiting) => Waiting = waiting;

    /// <summary>The state box of a body waiting at a barrier; null when the body ran to its end without waiting.</summary>
    internal ThreadCoroutineBox? Waiting { get; }
}
