namespace RingKernel.Cpu.Kernels;

/// <summary>
/// The CPU body of a kernel, written for one GPU thread: an iterator that yields
/// <see cref="ThreadContext.Barrier()"/> wherever the GPU code has a workgroup barrier. The CPU
/// backend runs every thread of a workgroup as such a coroutine on one OS thread.
/// </summary>
/// <remarks>
/// The compiler allocates the iterator on every call, so a dispatch allocates one per thread per
/// workgroup; <see cref="CpuCoroutineBody{TArgs}"/> is the same model with pooled state.
/// </remarks>
/// <param name="thread">Ids, extents and shared memory of the thread; the same object for the thread's whole run.</param>
/// <param name="args">The arguments given to the dispatch.</param>
public delegate IEnumerable<WorkgroupBarrier> CpuThreadBody<in TArgs>(ThreadContext thread, TArgs args);
