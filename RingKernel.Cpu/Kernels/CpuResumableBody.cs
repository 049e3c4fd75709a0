namespace RingKernel.Cpu.Kernels;

/// <summary>
/// A per-message CPU body of a ring kernel that never blocks: called with the message in hand, it
/// does what it can and returns true when it is done with the message (the backend completes it) or
/// false when it must wait for something outside the kernel (a neighbour's halo, say). It is then
/// called again, with the same message, after someone calls <see cref="RingKernelContext.Resume"/>;
/// the body arranges for that before it returns false (for example by giving its context to the
/// kernels that will send it what it waits for).
/// </summary>
/// <remarks>
/// Because it returns instead of blocking, the CPU backend can run many such kernels as coroutines
/// on a few worker threads (see the backend's ring-kernel scheduling). A resume that arrives while
/// the body runs is not lost: the body is called again. Replying on a full output ring still waits
/// in place (output is never dropped), holding its worker until the host reads: keep the host reading.
/// </remarks>
public delegate bool CpuResumableBody<in TArgs>(RingKernelContext kernel, TArgs args);
