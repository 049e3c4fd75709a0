using System.Runtime.InteropServices;

namespace RingKernel.Metal.Interop;

/// <summary>Foundation's NSRange: a location and a length, NSUIntegers, passed by value to fillBuffer:range:value:.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct NSRange(nuint Location, nuint Length);
