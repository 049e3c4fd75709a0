namespace RingKernel.TestKernels.Cuda;

/// <summary>
/// Arguments of the ring_echo kernel: the type id of its replies, and an optional poison value whose
/// request faults the kernel (fault injection).
/// </summary>
public readonly record struct RingEchoArgs(uint ReplyTypeId, long? Poison = null);
