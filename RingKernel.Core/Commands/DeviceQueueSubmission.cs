
namespace RingKernel.Commands;

/// <summary>One submission to a device command queue: its number (the queue's Progress value when it completes) and its commands.</summary>
public record DeviceQueueSubmission(ulong Number, QueueCommand[] Commands);
