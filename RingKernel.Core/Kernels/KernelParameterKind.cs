namespace RingKernel.Kernels;

/// <summary>What one kernel parameter holds. Every kind takes one 8-byte slot of packed arguments.</summary>
public enum KernelParameterKind
{
    /// <summary>A buffer's device address (<c>T*</c> in CUDA C and MSL, a <c>buffer_reference</c> in GLSL).</summary>
    Buffer,
    /// <summary>Signed 32-bit integer.</summary>
    I32,
    /// <summary>Unsigned 32-bit integer.</summary>
    U32,
    /// <summary>Signed 64-bit integer.</summary>
    I64,
    /// <summary>Unsigned 64-bit integer.</summary>
    U64,
    /// <summary>IEEE 754 single precision.</summary>
    F32,
    /// <summary>IEEE 754 double precision.</summary>
    F64,
}
