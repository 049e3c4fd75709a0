using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RingKernel.Layouts;

/// <summary>
/// A shared C# struct as every device language must declare it: its size, its fields in offset
/// order with explicit padding filling every gap, and its constants (size, declared block offsets,
/// one offset per field). Built by reflection from the struct's <see cref="FieldOffsetAttribute"/>s,
/// so the C# definition stays the only one.
/// </summary>
public sealed class DeviceStructLayout
{
    /// <summary>Padding is emitted as 32-bit words, so gaps and sizes are whole words.</summary>
    private const int PaddingWordSize = 4;

    private DeviceStructLayout(string name, int size, IReadOnlyList<DeviceMember> members, IReadOnlyList<DeviceConstant> constants)
    {
        Name = name;
        Size = size;
        Members = members;
        Constants = constants;
    }

    public string Name { get; }

    public int Size { get; }

    /// <summary>The struct's alignment in every device language: its widest scalar, 4 or 8 bytes.</summary>
    public int Alignment => Fields.Any(f => f.Alignment == 8) ? 8 : 4;

    /// <summary>Fields and padding in offset order; together they cover bytes 0 to <see cref="Size"/> exactly once.</summary>
    public IReadOnlyList<DeviceMember> Members { get; }

    public IEnumerable<DeviceMember> Fields => Members.Where(m => !m.IsPadding);

    /// <summary><see cref="SizeConstant"/> first, then the struct's own integer constants, then one offset per field.</summary>
    public IReadOnlyList<DeviceConstant> Constants { get; }

    public string SizeConstant => SizeConstantName(Name);

    public string OffsetConstant(DeviceMember field) => OffsetConstantName(Name, field.Name);

    /// <summary>
    /// Reads the layout of <paramref name="type"/>. Throws <see cref="DeviceLayoutException"/>, naming
    /// the struct and field, when a field has no device type, overlaps another, is not naturally
    /// aligned, or leaves a gap that 32-bit padding cannot fill.
    /// </summary>
    public static DeviceStructLayout FromType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        string name = type.Name;
        if (!type.IsValueType || type.IsEnum || type.IsPrimitive)
            throw new DeviceLayoutException($"{name} is not a struct.");
        if (type.StructLayoutAttribute?.Value != LayoutKind.Explicit)
            throw new DeviceLayoutException($"{name} must have [StructLayout(LayoutKind.Explicit)] so that its field offsets are declared, not chosen by the runtime.");

        List<DeviceMember> fields = ReadFields(type);
        int size = Marshal.SizeOf(type);
        List<DeviceMember> members = InsertPadding(name, size, fields);
        bool hasWideField = fields.Exists(f => f.Alignment == 8);
        if (hasWideField && size % 8 != 0)
            throw new DeviceLayoutException($"{name}: size {size} is not a multiple of 8; device arrays of it would be strided differently from C#.");

        return new DeviceStructLayout(name, size, members, BuildConstants(type, size, fields));
    }

    private static List<DeviceMember> ReadFields(Type type)
    {
        var fields = new List<DeviceMember>();
        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            string where = $"{type.Name}.{field.Name}";
            FieldOffsetAttribute offset = field.GetCustomAttribute<FieldOffsetAttribute>()
                ?? throw new DeviceLayoutException($"{where} has no [FieldOffset].");
            DeviceMember member = ReadField(field, where, offset.Value);
            if (offset.Value % member.Alignment != 0)
                throw new DeviceLayoutException($"{where}: offset {offset.Value} is not a multiple of its alignment {member.Alignment}; device languages align it naturally.");
            fields.Add(member);
        }
        fields.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        return fields;
    }

    /// <summary>A scalar or enum field, a C# inline array of scalars, or a nested explicit-layout struct.</summary>
    private static DeviceMember ReadField(FieldInfo field, string where, int offset)
    {
        Type type = field.FieldType;
        if (DeviceScalarTypes.TryMap(type, out DeviceScalarType scalar))
            return new DeviceMember(field.Name, offset, scalar, 1, false, type.IsEnum ? type.Name : null);

        InlineArrayAttribute? array = type.GetCustomAttribute<InlineArrayAttribute>();
        if (array is not null)
        {
            Type element = type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Single().FieldType;
            if (element.IsEnum || !DeviceScalarTypes.TryMap(element, out DeviceScalarType elementScalar))
                throw new DeviceLayoutException($"{where}: inline array of {element.Name} has no device equivalent (use an array of int, uint, long, ulong or float).");
            return new DeviceMember(field.Name, offset, elementScalar, array.Length, false, null);
        }

        if (type.IsValueType && !type.IsPrimitive && !type.IsEnum && type.StructLayoutAttribute?.Value == LayoutKind.Explicit)
        {
            DeviceStructLayout nested = FromType(type);
            return new DeviceMember(field.Name, offset, DeviceScalarType.U32, 1, false, null) { Struct = nested };
        }

        throw new DeviceLayoutException($"{where}: type {type.Name} has no device equivalent (use int, uint, long, ulong, float, an enum of int or uint, an inline array of those, or a struct with explicit layout).");
    }

    private static List<DeviceMember> InsertPadding(string name, int size, List<DeviceMember> fields)
    {
        var members = new List<DeviceMember>(fields.Count * 2);
        int position = 0;
        DeviceMember? previous = null;
        foreach (DeviceMember field in fields)
        {
            if (field.Offset < position)
                throw new DeviceLayoutException($"{name}.{field.Name} at offset {field.Offset} overlaps {name}.{previous!.Name} ({previous.Offset}–{previous.End - 1}).");
            AddPadding(name, members, position, field.Offset, $"before {name}.{field.Name}");
            members.Add(field);
            position = field.End;
            previous = field;
        }
        if (position > size)
            throw new DeviceLayoutException($"{name}.{previous!.Name} ends at {position}, past the struct's size {size}.");
        AddPadding(name, members, position, size, $"at the end of {name}");
        return members;
    }

    private static void AddPadding(string name, List<DeviceMember> members, int from, int to, string where)
    {
        int gap = to - from;
        if (gap == 0)
            return;
        if (gap % PaddingWordSize != 0 || from % PaddingWordSize != 0)
            throw new DeviceLayoutException($"{name}: the {gap}-byte gap {where} (offset {from}) cannot be filled with 32-bit padding words.");
        members.Add(new DeviceMember($"Pad{from}", from, DeviceScalarType.U32, gap / PaddingWordSize, true, null));
    }

    private static string SizeConstantName(string structName) => DeviceNames.Constant(structName, "Size");

    private static string OffsetConstantName(string structName, string fieldName) => DeviceNames.Constant(structName, fieldName + "Offset");

    private static List<DeviceConstant> BuildConstants(Type type, int size, List<DeviceMember> fields)
    {
        string name = type.Name;
        var constants = new List<DeviceConstant>();
        Add(SizeConstantName(name), size, $"the size of {name}");
        foreach (FieldInfo constant in type.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (!constant.IsLiteral)
                continue;
            string where = $"{name}.{constant.Name}";
            long value = constant.GetRawConstantValue() switch
            {
                int i => i,
                uint u => u,
                _ => throw new DeviceLayoutException($"{where}: only int and uint constants can be emitted, not {constant.FieldType.Name}."),
            };
            if (value < 0)
                throw new DeviceLayoutException($"{where} is negative; layout constants are sizes and offsets.");
            Add(DeviceNames.Constant(name, constant.Name), value, where);
        }
        foreach (DeviceMember field in fields)
            Add(OffsetConstantName(name, field.Name), field.Offset, $"the offset of {name}.{field.Name}");
        return constants;

        // A C# constant may restate a measured value (Size = 64): one constant, and it must agree.
        void Add(string constantName, long value, string what)
        {
            DeviceConstant? same = constants.Find(c => c.Name == constantName);
            if (same is null)
                constants.Add(new DeviceConstant(constantName, DeviceScalarType.U32, value));
            else if (same.Value != value)
                throw new DeviceLayoutException($"{what} is {value}, but {constantName} is already {same.Value}.");
        }
    }
}
