namespace RingKernel.Layouts;

/// <summary>How a device language spells each <see cref="DeviceScalarType"/>.</summary>
public sealed record DeviceTypeNames(string I32, string U32, string I64, string U64, string F32)
{
    public string Of(DeviceScalarType type) => type switch
    {
        DeviceScalarType.I32 => I32,
        DeviceScalarType.U32 => U32,
        DeviceScalarType.I64 => I64,
        DeviceScalarType.U64 => U64,
        DeviceScalarType.F32 => F32,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
