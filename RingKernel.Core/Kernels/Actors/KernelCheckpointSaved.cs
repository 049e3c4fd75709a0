namespace RingKernel.Kernels.Actors;

/// <summary>The answer to <see cref="SaveKernelCheckpoint"/>: the checkpoint's size and how many messages the kernel had processed when it was taken.</summary>
public sealed record KernelCheckpointSaved(int Bytes, ulong MessagesProcessed);
