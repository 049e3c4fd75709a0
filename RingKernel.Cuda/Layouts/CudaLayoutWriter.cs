using System.Text;
using RingKernel.Layouts;

namespace RingKernel.Cuda.Layouts;

/// <summary>
/// CUDA C++ for NVRTC, which has no system headers: built-in integer types only (their sizes are
/// fixed on every CUDA target, and the static_asserts prove it), <c>__builtin_offsetof</c> instead of
/// &lt;cstddef&gt;'s offsetof.
/// </summary>
public sealed class CudaLayoutWriter : DeviceLayoutWriter
{
    protected override bool HasStaticAssert => true;

    protected override string TypeName(DeviceScalarType type) => type switch
    {
        DeviceScalarType.I32 => "int",
        DeviceScalarType.U32 => "unsigned int",
        DeviceScalarType.I64 => "long long",
        DeviceScalarType.U64 => "unsigned long long",
        DeviceScalarType.F32 => "float",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    protected override string DeclareConstant(string typeName, string name, string literal) =>
        $"static constexpr {typeName} {name} = {literal};";

    protected override void WriteOpening(StringBuilder text) => text.Append("#pragma once\n");
}
