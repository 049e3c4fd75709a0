using RingKernel.Commands;

namespace RingKernel.Vulkan.Commands;

/// <summary>One submission to a device command queue: its number (the queue's Progress value when it completes) and its commands.</summary>
internal record DeviceQueueSubmission(ulong Number, QueueCommand[] Commands);
