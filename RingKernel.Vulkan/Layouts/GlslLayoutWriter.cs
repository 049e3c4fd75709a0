using System.Text;
using RingKernel.Layouts;

namespace RingKernel.Vulkan.Layouts;

/// <summary>
/// GLSL for Vulkan: struct declarations meant for std430 buffer blocks (which align every member
/// naturally, so the explicit padding reproduces the C# offsets exactly), 64-bit fields through
/// GL_EXT_shader_explicit_arithmetic_types_int64, and <c>const uint</c> constants. GLSL has no
/// static_assert; the test suite compiles a shader and checks the SPIR-V offsets instead.
/// </summary>
public sealed class GlslLayoutWriter() : DeviceLayoutWriter(new DeviceTypeNames(I32: "int", U32: "uint", I64: "int64_t", U64: "uint64_t", F32: "float"))
{
    private const string Guard = "RINGKERNEL_LAYOUTS_GLSL";

    protected override bool HasStaticAssert => false;

    protected override string DeclareConstant(string typeName, string name, string literal) =>
        $"const {typeName} {name} = {literal};";

    protected override void WriteOpening(StringBuilder text)
    {
        text.Append("// Include right after #version (with GL_GOOGLE_include_directive); declare buffers with layout(std430).\n");
        text.Append("#ifndef ").Append(Guard).Append('\n');
        text.Append("#define ").Append(Guard).Append('\n');
        text.Append("#extension GL_EXT_shader_explicit_arithmetic_types_int64 : require\n");
    }

    protected override void WriteClosing(StringBuilder text) => text.Append("\n#endif // ").Append(Guard).Append('\n');
}
