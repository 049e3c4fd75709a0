using System.Runtime.InteropServices;

namespace RingKernel.Metal.Interop;

/// <summary>Foundation strings and errors, to and from .NET strings.</summary>
internal static class NSStrings
{
    private static readonly Lazy<nint> NSStringClass = new(() => ObjCRuntime.GetClass("NSString"));

    /// <summary>A new NSString holding <paramref name="text"/> (UTF-8), owned by the caller.</summary>
    public static ObjCObject Create(string text)
    {
        nint allocated = ObjCMessages.Pointer(NSStringClass.Value, Selectors.Alloc);
        return ObjCObject.Owned(ObjCMessages.PointerUtf8(allocated, Selectors.InitWithUtf8String, text), "[NSString initWithUTF8String:]");
    }

    /// <summary>The text of an NSString; empty for nil. Call inside an <see cref="AutoreleasePool"/>.</summary>
    public static string Read(nint nsString) =>
        nsString == 0 ? "" : Marshal.PtrToStringUTF8(ObjCMessages.Pointer(nsString, Selectors.Utf8String)) ?? "";

    /// <summary>An NSError's localized description; "no error" for nil. Call inside an <see cref="AutoreleasePool"/>.</summary>
    public static string Describe(nint nsError) =>
        nsError == 0 ? "no error given" : Read(ObjCMessages.Pointer(nsError, Selectors.LocalizedDescription));
}
