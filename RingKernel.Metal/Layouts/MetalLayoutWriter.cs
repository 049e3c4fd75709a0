using RingKernel.Layouts;

namespace RingKernel.Metal.Layouts;

/// <summary>
/// Metal Shading Language: <c>uint</c>/<c>ulong</c> fields, program-scope constants in the
/// <c>constant</c> address space, static_asserts on every size and offset.
/// </summary>
public sealed class MetalLayoutWriter() : CppLayoutWriter(
    new DeviceTypeNames(I32: "int", U32: "uint", I64: "long", U64: "ulong", F32: "float"),
    constantQualifier: "constant");
