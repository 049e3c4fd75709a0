namespace RingKernel.Layouts;

/// <summary>Maps CLR field types to <see cref="DeviceScalarType"/> and gives their sizes.</summary>
internal static class DeviceScalarTypes
{
    /// <summary>Maps <paramref name="type"/> (an enum maps as its underlying type); false when no device type matches.</summary>
    public static bool TryMap(Type type, out DeviceScalarType scalar)
    {
        Type underlying = type.IsEnum ? Enum.GetUnderlyingType(type) : type;
        if (underlying == typeof(int)) scalar = DeviceScalarType.I32;
        else if (underlying == typeof(uint)) scalar = DeviceScalarType.U32;
        else if (underlying == typeof(long)) scalar = DeviceScalarType.I64;
        else if (underlying == typeof(ulong)) scalar = DeviceScalarType.U64;
        else if (underlying == typeof(float)) scalar = DeviceScalarType.F32;
        else
        {
            scalar = default;
            return false;
        }
        return true;
    }

    public static int SizeOf(DeviceScalarType scalar) => scalar switch
    {
        DeviceScalarType.I32 or DeviceScalarType.U32 or DeviceScalarType.F32 => 4,
        DeviceScalarType.I64 or DeviceScalarType.U64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(scalar), scalar, null),
    };
}
