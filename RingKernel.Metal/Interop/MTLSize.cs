using System.Runtime.InteropServices;

namespace RingKernel.Metal.Interop;

/// <summary>Metal's MTLSize: three NSUIntegers, passed by value to dispatchThreadgroups:threadsPerThreadgroup:.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct MTLSize(nuint Width, nuint Height, nuint Depth);
