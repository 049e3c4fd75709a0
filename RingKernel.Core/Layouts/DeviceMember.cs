namespace RingKernel.Layouts;

/// <summary>
/// One member of a device struct: a field of the C# struct, or explicit padding (an array of
/// 32-bit words) that fills a gap so that no language inserts padding of its own.
/// </summary>
/// <param name="Name">Field name, as in C#; padding is named after its offset.</param>
/// <param name="Offset">Byte offset in the struct.</param>
/// <param name="Type">Scalar type of the field, or of each padding word.</param>
/// <param name="Count">1 for a field; the number of 32-bit words for padding.</param>
/// <param name="IsPadding">True for padding, which device code never reads.</param>
/// <param name="EnumTypeName">The C# enum a field holds, else null.</param>
public sealed record DeviceMember(string Name, int Offset, DeviceScalarType Type, int Count, bool IsPadding, string? EnumTypeName)
{
    public int Size => DeviceScalarTypes.SizeOf(Type) * Count;

    public int End => Offset + Size;
}
