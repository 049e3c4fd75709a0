using RingKernel.Metal.Interop;

namespace RingKernel.Metal.Commands;

/// <summary>Command buffers: made on a queue, committed, waited for and checked.</summary>
internal static class MetalCommandBuffers
{
    /// <summary>A new command buffer of <paramref name="queue"/>, autoreleased: use it inside the pool, or retain it.</summary>
    public static nint Begin(nint queue)
    {
        nint commandBuffer = ObjCMessages.Pointer(queue, Selectors.CommandBuffer);
        return commandBuffer != 0 ? commandBuffer : throw new MetalException("[MTLCommandQueue commandBuffer] returned nil.");
    }

    public static void Commit(nint commandBuffer) => ObjCMessages.Void(commandBuffer, Selectors.Commit);

    /// <summary>Waits until <paramref name="commandBuffer"/> has run; throws with Metal's error when it failed. Call inside a pool.</summary>
    /// <exception cref="MetalException">The command buffer ended in error (a fault in a kernel, a lost device).</exception>
    public static void WaitAndCheck(nint commandBuffer, string what)
    {
        ObjCMessages.Void(commandBuffer, Selectors.WaitUntilCompleted);
        nuint status = ObjCMessages.NUInt(commandBuffer, Selectors.Status);
        if (status != MetalConstants.CommandBufferCompleted)
            throw new MetalException($"The command buffer of {what} ended with status {status}: {NSStrings.Describe(ObjCMessages.Pointer(commandBuffer, Selectors.Error))}");
    }
}
