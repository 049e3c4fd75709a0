namespace RingKernel.Layouts;

/// <summary>The field types that every device language represents with the same size and alignment.</summary>
public enum DeviceScalarType
{
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
}
