using System.Runtime.InteropServices;

namespace RingKernel.Metal.Interop;

/// <summary>The Objective-C runtime's C functions the backend calls (objc/runtime.h, objc/objc-internal.h).</summary>
internal static partial class ObjCRuntime
{
    static ObjCRuntime() => MetalNativeLibraries.EnsureResolver();

    /// <summary>The class named <paramref name="name"/>; 0 when there is none.</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = "objc_getClass", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint GetClass(string name);

    /// <summary>The selector named <paramref name="name"/>, registered once per process.</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = "sel_registerName", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint RegisterSelector(string name);

    /// <summary>+1 on <paramref name="obj"/>'s reference count; returns it.</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = "objc_retain")]
    public static partial nint Retain(nint obj);

    /// <summary>-1 on <paramref name="obj"/>'s reference count.</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = "objc_release")]
    public static partial void Release(nint obj);

    /// <summary>Opens an autorelease pool on this thread; the token closes it.</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = "objc_autoreleasePoolPush")]
    public static partial nint AutoreleasePoolPush();

    /// <summary>Closes the pool <paramref name="token"/> opened, releasing what was autoreleased in it.</summary>
    [LibraryImport(MetalNativeLibraries.ObjC, EntryPoint = "objc_autoreleasePoolPop")]
    public static partial void AutoreleasePoolPop(nint token);
}
