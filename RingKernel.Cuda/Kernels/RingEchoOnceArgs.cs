namespace RingKernel.Cuda.Kernels;

/// <summary>Device addresses and settings of one ring_echo_once launch.</summary>
internal readonly record struct RingEchoOnceArgs(ulong ControlBlock, ulong Input, ulong Output, bool Checksummed, uint ReplyTypeId);
