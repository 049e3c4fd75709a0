using RingKernel.Metal.Interop;
using RingKernel.Metal.Memory;

namespace RingKernel.Metal.Commands;

/// <summary>Blit passes (MTLBlitCommandEncoder): copies between buffers and fills, each a pass of its own.</summary>
internal static class MetalBlits
{
    /// <summary>Metal's blits on macOS take offsets and sizes in whole 4-byte words.</summary>
    public const int Granularity = 4;

    /// <summary>Encodes a copy of <paramref name="length"/> bytes. Call inside an <see cref="AutoreleasePool"/>.</summary>
    public static void Copy(nint commandBuffer, MetalBuffer source, long sourceOffset, MetalBuffer destination, long destinationOffset, long length)
    {
        nint encoder = Begin(commandBuffer);
        try
        {
            ObjCMessages.Void(encoder, Selectors.CopyFromBuffer, source.Id, (nuint)sourceOffset, destination.Id, (nuint)destinationOffset, (nuint)length);
        }
        finally
        {
            ObjCMessages.Void(encoder, Selectors.EndEncoding);
        }
    }

    /// <summary>Encodes a fill of <paramref name="length"/> bytes with <paramref name="value"/>. Call inside an <see cref="AutoreleasePool"/>.</summary>
    public static void Fill(nint commandBuffer, MetalBuffer buffer, long offset, long length, byte value)
    {
        nint encoder = Begin(commandBuffer);
        try
        {
            ObjCMessages.Void(encoder, Selectors.FillBuffer, buffer.Id, new NSRange((nuint)offset, (nuint)length), value);
        }
        finally
        {
            ObjCMessages.Void(encoder, Selectors.EndEncoding);
        }
    }

    /// <summary>Why a copy cannot be a blit, or null: Metal's copies on macOS move whole words between distinct ranges.</summary>
    public static string? Refusal(bool sameBuffer, long sourceOffset, long destinationOffset, long length)
    {
        if (sourceOffset % Granularity != 0 || destinationOffset % Granularity != 0 || length % Granularity != 0)
            return $"Metal copies whole {Granularity}-byte words: offsets and length must be multiples of {Granularity}";
        if (sameBuffer && sourceOffset < destinationOffset + length && destinationOffset < sourceOffset + length)
            return "Metal copies may not overlap within one buffer";
        return null;
    }

    private static nint Begin(nint commandBuffer)
    {
        nint encoder = ObjCMessages.Pointer(commandBuffer, Selectors.BlitCommandEncoder);
        return encoder != 0 ? encoder : throw new MetalException("[MTLCommandBuffer blitCommandEncoder] returned nil.");
    }
}
