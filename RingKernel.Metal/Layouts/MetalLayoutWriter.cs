using System.Text;
using RingKernel.Layouts;

namespace RingKernel.Metal.Layouts;

/// <summary>
/// Metal Shading Language: <c>uint</c>/<c>ulong</c> fields, program-scope constants in the
/// <c>constant</c> address space, static_asserts on every size and offset.
/// </summary>
public sealed class MetalLayoutWriter : DeviceLayoutWriter
{
    protected override bool HasStaticAssert => true;

    protected override string TypeName(DeviceScalarType type) => type switch
    {
        DeviceScalarType.I32 => "int",
        DeviceScalarType.U32 => "uint",
        DeviceScalarType.I64 => "long",
        DeviceScalarType.U64 => "ulong",
        DeviceScalarType.F32 => "float",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    protected override string DeclareConstant(string typeName, string name, string literal) =>
        $"constant constexpr {typeName} {name} = {literal};";

    protected override void WriteOpening(StringBuilder text) => text.Append("#pragma once\n");
}
