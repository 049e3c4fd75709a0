namespace RingKernel.Vulkan.RingKernels;

/// <summary>
/// Thrown by a dispatcher whose work for the oldest input message failed: the message stays first in
/// the input ring (a relaunch or <see cref="RingKernel.Kernels.Persistent.RingKernelRecovery"/> finds it there),
/// and the kernel faults on it with the cause as its inner exception.
/// </summary>
internal sealed class MessageFaultedException(Exception cause) : Exception(cause.Message, cause);
