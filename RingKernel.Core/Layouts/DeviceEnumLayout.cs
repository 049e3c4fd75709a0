using System.Globalization;

namespace RingKernel.Layouts;

/// <summary>
/// A shared enum as device code sees it: one integer constant per member, of the enum's
/// underlying type, named <c>RINGKERNEL_ENUM_NAME_MEMBER</c>.
/// </summary>
public sealed class DeviceEnumLayout
{
    private DeviceEnumLayout(string name, bool isFlags, IReadOnlyList<DeviceConstant> values)
    {
        Name = name;
        IsFlags = isFlags;
        Values = values;
    }

    public string Name { get; }

    /// <summary>True for a [Flags] enum, whose values are combined bitwise.</summary>
    public bool IsFlags { get; }

    /// <summary>One constant per member, in the order of <see cref="Enum.GetNames(Type)"/> (ascending unsigned value).</summary>
    public IReadOnlyList<DeviceConstant> Values { get; }

    /// <summary>Reads <paramref name="type"/>; throws <see cref="DeviceLayoutException"/> unless its underlying type is int or uint.</summary>
    public static DeviceEnumLayout FromType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!type.IsEnum)
            throw new DeviceLayoutException($"{type.Name} is not an enum.");
        Type underlying = Enum.GetUnderlyingType(type);
        DeviceScalarType scalar = underlying == typeof(uint) ? DeviceScalarType.U32
            : underlying == typeof(int) ? DeviceScalarType.I32
            : throw new DeviceLayoutException($"{type.Name}: underlying type {underlying.Name} is not int or uint, the only enum types device fields hold.");

        string[] names = Enum.GetNames(type);
        Array underlyingValues = type.GetEnumValuesAsUnderlyingType();
        var values = new List<DeviceConstant>(names.Length);
        for (int i = 0; i < names.Length; i++)
        {
            long value = Convert.ToInt64(underlyingValues.GetValue(i), CultureInfo.InvariantCulture);
            values.Add(new DeviceConstant(DeviceNames.Constant(type.Name, names[i]), scalar, value));
        }
        return new DeviceEnumLayout(type.Name, type.IsDefined(typeof(FlagsAttribute), false), values);
    }
}
