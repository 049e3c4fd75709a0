using System.Reflection;
using System.Runtime.InteropServices;

namespace RingKernel.Metal.Interop;

/// <summary>
/// The one place the native libraries of the Metal backend are found: the Objective-C runtime and
/// the Metal framework, by their fixed paths on macOS. The interop declarations name them by the
/// logical names <see cref="ObjC"/> and <see cref="Metal"/>, which the resolver registered here maps to
/// those paths (a framework is not on any library search path).
/// </summary>
internal static class MetalNativeLibraries
{
    /// <summary>The Objective-C runtime's logical name in LibraryImport declarations.</summary>
    public const string ObjC = "libobjc";

    /// <summary>The Metal framework's logical name in LibraryImport declarations.</summary>
    public const string Metal = "Metal";

    public const string ObjCPath = "/usr/lib/libobjc.A.dylib";

    public const string MetalPath = "/System/Library/Frameworks/Metal.framework/Metal";

    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>The path <paramref name="logicalName"/> stands for; null for a name that is not one of these libraries.</summary>
    public static string? PathOf(string logicalName) => logicalName switch
    {
        ObjC => ObjCPath,
        Metal => MetalPath,
        _ => null,
    };

    /// <summary>Registers the resolver for this assembly once; every interop class calls it before its first native call.</summary>
    public static void EnsureResolver()
    {
        lock (Gate)
        {
            if (_registered)
                return;
            NativeLibrary.SetDllImportResolver(typeof(MetalNativeLibraries).Assembly, Resolve);
            _registered = true;
        }
    }

    /// <summary>
    /// Null when both libraries load through <paramref name="tryLoad"/> (a path in, success out);
    /// otherwise which did not, with its path.
    /// </summary>
    public static string? Probe(Func<string, bool> tryLoad)
    {
        ArgumentNullException.ThrowIfNull(tryLoad);
        if (!tryLoad(ObjCPath))
            return $"the Objective-C runtime ({ObjCPath}) could not be loaded";
        if (!tryLoad(MetalPath))
            return $"the Metal framework ({MetalPath}) could not be loaded";
        return null;
    }

    /// <summary>True when the library at <paramref name="path"/> loads in this process.</summary>
    public static bool TryLoad(string path) => NativeLibrary.TryLoad(path, out _);

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        PathOf(name) is { } path ? NativeLibrary.Load(path) : 0;
}
