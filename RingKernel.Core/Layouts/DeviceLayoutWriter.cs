using System.Globalization;
using System.Text;

namespace RingKernel.Layouts;

/// <summary>
/// Writes one device header for <see cref="DeviceLayoutGenerator"/>: a banner saying how it was
/// made, the constants (enum values, then sizes, block offsets and field offsets), then the structs.
/// A backend derives one for its device language, supplying type names, constant syntax and
/// opening and closing lines.
/// </summary>
public abstract class DeviceLayoutWriter
{
    private readonly DeviceTypeNames _typeNames;

    protected DeviceLayoutWriter(DeviceTypeNames typeNames)
    {
        ArgumentNullException.ThrowIfNull(typeNames);
        _typeNames = typeNames;
    }

    /// <summary>True where the language has static_assert and __builtin_offsetof, so the compiler checks every offset.</summary>
    protected abstract bool HasStaticAssert { get; }

    internal string Write(IReadOnlyList<DeviceStructLayout> structs, IReadOnlyList<DeviceEnumLayout> enums)
    {
        var text = new StringBuilder();
        text.Append("// Generated from RingKernel.Core/Layouts by RingKernel.Layouts.DeviceLayoutGenerator; do not edit.\n");
        text.Append("// Regenerate: ").Append(DeviceLayoutGenerator.RegenerateCommand).Append('\n');
        text.Append("// Each struct is byte for byte the C# struct of the same name; padding members are explicit.\n");
        WriteOpening(text);

        foreach (DeviceEnumLayout layout in enums)
        {
            text.Append('\n').Append("// ").Append(layout.Name).Append(layout.IsFlags ? " (flags)" : "").Append('\n');
            foreach (DeviceConstant value in layout.Values)
                text.Append(Declare(value)).Append('\n');
        }
        foreach (DeviceStructLayout layout in structs)
        {
            text.Append('\n').Append("// ").Append(layout.Name).Append(": size, declared constants, field offsets\n");
            foreach (DeviceConstant constant in layout.Constants)
                text.Append(Declare(constant)).Append('\n');
        }
        foreach (DeviceStructLayout layout in structs)
            WriteStruct(text, layout);

        WriteClosing(text);
        return text.ToString();
    }

    /// <summary>The declaration of a named constant with the given type name and literal.</summary>
    protected abstract string DeclareConstant(string typeName, string name, string literal);

    /// <summary>Lines after the banner: include guard, required extensions.</summary>
    protected abstract void WriteOpening(StringBuilder text);

    protected virtual void WriteClosing(StringBuilder text)
    {
    }

    private string Declare(DeviceConstant constant)
    {
        string literal = constant.Type switch
        {
            DeviceScalarType.U32 => constant.Value.ToString(CultureInfo.InvariantCulture) + "u",
            DeviceScalarType.I32 => constant.Value.ToString(CultureInfo.InvariantCulture),
            _ => throw new DeviceLayoutException($"{constant.Name}: constants are int or uint, not {constant.Type}."),
        };
        return DeclareConstant(_typeNames.Of(constant.Type), constant.Name, literal);
    }

    private void WriteStruct(StringBuilder text, DeviceStructLayout layout)
    {
        var lines = new List<(string Declaration, string Comment)>(layout.Members.Count);
        foreach (DeviceMember member in layout.Members)
        {
            string type = member.Struct?.Name ?? _typeNames.Of(member.Type);
            string declaration = member.IsArray
                ? $"{type} {member.Name}[{member.Count}];"
                : $"{type} {member.Name};";
            string comment = member.IsPadding
                ? $"// {member.Offset}..{member.End - 1}: padding"
                : member.IsArray
                    ? $"// {member.Offset}..{member.End - 1}"
                    : $"// {member.Offset}" + (member.EnumTypeName is null ? "" : $": {member.EnumTypeName}");
            lines.Add((declaration, comment));
        }
        int width = lines.Max(l => l.Declaration.Length);

        text.Append('\n').Append("struct ").Append(layout.Name).Append("\n{\n");
        foreach ((string declaration, string comment) in lines)
            text.Append("    ").Append(declaration.PadRight(width)).Append(' ').Append(comment).Append('\n');
        text.Append("};\n");

        if (!HasStaticAssert)
            return;
        text.Append("static_assert(sizeof(").Append(layout.Name).Append(") == ").Append(layout.SizeConstant)
            .Append(", \"").Append(layout.Name).Append(": size differs from C#\");\n");
        foreach (DeviceMember field in layout.Fields)
        {
            text.Append("static_assert(__builtin_offsetof(").Append(layout.Name).Append(", ").Append(field.Name).Append(") == ")
                .Append(layout.OffsetConstant(field)).Append(", \"").Append(layout.Name).Append('.').Append(field.Name)
                .Append(": offset differs from C#\");\n");
        }
    }
}
