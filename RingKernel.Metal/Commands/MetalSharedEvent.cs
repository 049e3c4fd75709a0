using RingKernel.Metal.Interop;

namespace RingKernel.Metal.Commands;

/// <summary>
/// An MTLSharedEvent: a 64-bit value that only rises, signalled by command buffers
/// (encodeSignalEvent:value:) and waited on by others (encodeWaitForEvent:value:) on the device: the
/// timeline of a <see cref="MetalCommandQueue"/>, as a timeline semaphore is a Vulkan queue's.
/// </summary>
internal sealed class MetalSharedEvent(ObjCObject sharedEvent) : IDisposable
{
    private nint Id => sharedEvent.Id;

    /// <summary>Encodes, at this point of <paramref name="commandBuffer"/>, a signal of <paramref name="value"/> once everything before it has run.</summary>
    public void EncodeSignal(nint commandBuffer, ulong value) => ObjCMessages.Void(commandBuffer, Selectors.EncodeSignalEvent, Id, value);

    /// <summary>Encodes, at this point of <paramref name="commandBuffer"/>, a wait until the value reaches <paramref name="value"/>.</summary>
    public void EncodeWait(nint commandBuffer, ulong value) => ObjCMessages.Void(commandBuffer, Selectors.EncodeWaitForEvent, Id, value);

    public void Dispose() => sharedEvent.Dispose();
}
