namespace RingKernel.Kernels.Driven;

/// <summary>
/// Thrown by a driver whose work for the oldest input message failed: the message stays first in
/// the input ring (a relaunch or <see cref="Persistent.RingKernelRecovery"/> finds it there), and the
/// kernel faults on it with the cause as its inner exception.
/// </summary>
public sealed class MessageFaultedException(Exception cause) : Exception(cause.Message, cause);
