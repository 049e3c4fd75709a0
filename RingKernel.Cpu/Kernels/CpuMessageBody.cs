namespace RingKernel.Cpu.Kernels;

/// <summary>
/// The simplest CPU body of a ring kernel: called once per message with the message in hand
/// (<see cref="RingKernelContext.Get{T}"/>, <see cref="RingKernelContext.Reply{T}"/>); the backend
/// runs the receive loop, commits and honours commands around it.
/// </summary>
public delegate void CpuMessageBody<in TArgs>(RingKernelContext kernel, TArgs args);
