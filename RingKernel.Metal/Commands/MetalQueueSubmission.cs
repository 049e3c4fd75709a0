using RingKernel.Commands;

namespace RingKernel.Metal.Commands;

/// <summary>One submission to a <see cref="MetalCommandQueue"/>: its number (the queue's Progress value when it completes) and its commands.</summary>
internal sealed record MetalQueueSubmission(ulong Number, QueueCommand[] Commands);
