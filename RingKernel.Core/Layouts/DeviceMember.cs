namespace RingKernel.Layouts;

/// <summary>
/// One member of a device struct: a scalar field, a fixed array of scalars (a C# inline array), a
/// nested shared struct, or explicit padding (an array of 32-bit words) that fills a gap so that no
/// language inserts padding of its own.
/// </summary>
/// <param name="Name">Field name, as in C#; padding is named after its offset.</param>
/// <param name="Offset">Byte offset in the struct.</param>
/// <param name="Type">Scalar type of the field, of each array element or of each padding word; unused for a nested struct.</param>
/// <param name="Count">1 for a scalar field or nested struct; the element count of an array or of padding words.</param>
/// <param name="IsPadding">True for padding, which device code never reads.</param>
/// <param name="EnumTypeName">The C# enum a field holds, else null.</param>
public sealed record DeviceMember(string Name, int Offset, DeviceScalarType Type, int Count, bool IsPadding, string? EnumTypeName)
{
    /// <summary>The shared struct this member holds (declared earlier in the catalog), else null.</summary>
    public DeviceStructLayout? Struct { get; init; }

    /// <summary>Declared with an array suffix: padding, and arrays of more than one element.</summary>
    public bool IsArray => IsPadding || Count > 1;

    /// <summary>The alignment every device language gives the member: its scalar's size, or a nested struct's widest field.</summary>
    public int Alignment => Struct?.Alignment ?? DeviceScalarTypes.SizeOf(Type);

    public int Size => (Struct?.Size ?? DeviceScalarTypes.SizeOf(Type)) * Count;

    public int End => Offset + Size;
}
