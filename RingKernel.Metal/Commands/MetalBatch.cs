using RingKernel.Metal.Interop;
using RingKernel.Commands;

namespace RingKernel.Metal.Commands;

/// <summary>One command buffer of a <see cref="MetalCommandQueue"/> on its way through the device, with what to do when it has run.</summary>
internal sealed class MetalBatch : DeviceQueueBatch<DeviceQueueSubmission>
{
    private MetalBatch(ObjCObject? commandBuffer) => CommandBuffer = commandBuffer;

    /// <summary>The command buffer, retained until the batch has completed; null for a failure.</summary>
    public ObjCObject? CommandBuffer { get; }

    /// <summary>The queue's shared-event value this command buffer signals when it has run.</summary>
    public ulong EventValue { get; set; }

    /// <summary>Passes encoded into the command buffer.</summary>
    public int Encoded { get; set; }

    /// <summary>A batch on a new command buffer of <paramref name="queue"/>. Call inside an <see cref="AutoreleasePool"/>.</summary>
    public static MetalBatch Begin(nint queue) => new(ObjCObject.Retain(MetalCommandBuffers.Begin(queue), "[MTLCommandQueue commandBuffer]"));

    public static MetalBatch Failure(DeviceQueueSubmission submission, int from, Exception fault) =>
        new(null) { Submission = submission, Fault = fault, FailedFrom = from };
}
