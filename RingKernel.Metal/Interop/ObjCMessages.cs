using System.Runtime.InteropServices;

namespace RingKernel.Metal.Interop;

/// <summary>
/// <c>objc_msgSend</c> under each prototype the backend sends, every one blittable (integers, pointers
/// and the structs <see cref="MTLSize"/> and <see cref="NSRange"/> by value), so the call follows the C
/// calling convention of that prototype exactly, as objc_msgSend requires on arm64. Named by what they
/// return; the receiver and the selector come first. BOOL comes back as a byte.
/// </summary>
internal static partial class ObjCMessages
{
    private const string Send = "objc_msgSend";

    static ObjCMessages() => MetalNativeLibraries.EnsureResolver();

    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = Send)]
    public static partial nint Pointer(nint receiver, nint selector);

    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = Send)]
    public static partial nint Pointer(nint receiver, nint selector, nint a);

    /// <summary>newBufferWithLength:options:.</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = Send)]
    public static partial nint Pointer(nint receiver, nint selector, nuint a, nuint b);

    /// <summary>newComputePipelineStateWithFunction:error:.</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = Send)]
    public static partial nint Pointer(nint receiver, nint selector, nint a, out nint error);

    /// <summary>newLibraryWithSource:options:error:, newFunctionWithName:constantValues:error:.</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = Send)]
    public static partial nint Pointer(nint receiver, nint selector, nint a, nint b, out nint error);

    /// <summary>initWithUTF8String:.</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = Send, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint PointerUtf8(nint receiver, nint selector, string a);

    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = Send)]
    public static partial void Void(nint receiver, nint selector);

    /// <summary>setComputePipelineState:.</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = Send)]
    public static partial void Void(nint receiver, nint selector, nint a);

    /// <summary>memoryBarrierWithScope:, setLanguageVersion:.</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = Send)]
    public static partial void Void(nint receiver, nint selector, nuint a);

    /// <summary>setFastMathEnabled:.</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = Send)]
    public static partial void Void(nint receiver, nint selector, byte a);

    /// <summary>useResource:usage:.</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = Send)]
    public static partial void Void(nint receiver, nint selector, nint a, nuint b);

    /// <summary>encodeWaitForEvent:value:, encodeSignalEvent:value:.</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = Send)]
    public static partial void Void(nint receiver, nint selector, nint a, ulong b);

    /// <summary>setBuffer:offset:atIndex:.</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = Send)]
    public static partial void Void(nint receiver, nint selector, nint a, nuint b, nuint c);

    /// <summary>setBytes:length:atIndex: (the bytes from <paramref name="first"/>).</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = Send)]
    public static partial void Void(nint receiver, nint selector, in byte first, nuint length, nuint index);

    /// <summary>useResources:count:usage: (the objects from <paramref name="first"/>).</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = Send)]
    public static partial void Void(nint receiver, nint selector, in nint first, nuint count, nuint usage);

    /// <summary>setConstantValue:type:atIndex: (the value at <paramref name="value"/>).</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = Send)]
    public static partial void Void(nint receiver, nint selector, in uint value, nuint type, nuint index);

    /// <summary>dispatchThreadgroups:threadsPerThreadgroup:.</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = Send)]
    public static partial void Void(nint receiver, nint selector, MTLSize a, MTLSize b);

    /// <summary>fillBuffer:range:value:.</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = Send)]
    public static partial void Void(nint receiver, nint selector, nint a, NSRange b, byte c);

    /// <summary>copyFromBuffer:sourceOffset:toBuffer:destinationOffset:size:.</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = Send)]
    public static partial void Void(nint receiver, nint selector, nint a, nuint b, nint c, nuint d, nuint e);

    /// <summary>gpuAddress.</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = Send)]
    public static partial ulong UInt64(nint receiver, nint selector);

    /// <summary>length, status, maxBufferLength, maxTotalThreadsPerThreadgroup.</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = Send)]
    public static partial nuint NUInt(nint receiver, nint selector);

    /// <summary>hasUnifiedMemory.</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = Send)]
    public static partial byte Bool(nint receiver, nint selector);

    /// <summary>supportsFamily:.</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = Send)]
    public static partial byte Bool(nint receiver, nint selector, nint a);
}
