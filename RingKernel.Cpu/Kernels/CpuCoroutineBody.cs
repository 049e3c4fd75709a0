namespace RingKernel.Cpu.Kernels;

/// <summary>
/// The pooled per-thread CPU body of a kernel: an <c>async ThreadCoroutine</c> method written for
/// one GPU thread, awaiting <see cref="ThreadContext.Barrier()"/> wherever the GPU code has a
/// workgroup barrier. It is the same programming model as <see cref="CpuThreadBody{TArgs}"/>, but
/// the suspended state lives in a box the thread's slot reuses, so a dispatch allocates nothing
/// per thread (an iterator body allocates its iterator per thread per workgroup).
/// </summary>
/// <param name="thread">Ids, extents and shared memory of the thread; the same object for the thread's whole run.</param>
/// <param name="args">The arguments given to the dispatch.</param>
public delegate ThreadCoroutine CpuCoroutineBody<in TArgs>(ThreadContext thread, TArgs args);
