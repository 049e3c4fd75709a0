using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using RingKernel.Layouts;

namespace RingKernel.Tests.Layouts;

/// <summary>
/// The committed headers compile with the real tools where they are installed, and the compilers
/// agree with C# on every offset: g++ evaluates the CUDA and MSL static_asserts, glslc lays out
/// the GLSL structs in std430 buffers and the SPIR-V it emits is checked offset by offset.
/// </summary>
public sealed class DeviceHeaderCompileTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("ringkernel-layouts-");

    public void Dispose() => _work.Delete(recursive: true);

    [SkippableFact]
    public void GlslHeaderCompilesInStd430BuffersWithCSharpOffsets()
    {
        string glslc = RequireTool("glslc", "glslc");
        string header = LayoutHeaderFiles.FullPath(LayoutHeaderFiles.Glsl);
        string shader = Path.Combine(_work.FullName, "layouts.comp");
        string spirv = Path.Combine(_work.FullName, "layouts.spv");
        File.WriteAllText(shader, ShaderUsingEveryStruct());

        (int exit, string output) = ExternalTool.Run(glslc, _work.FullName,
            "--target-env=vulkan1.2", "-I", Path.GetDirectoryName(header)!, "-o", spirv, shader);

        Assert.True(exit == 0, $"glslc failed on {LayoutHeaderFiles.RelativePath(LayoutHeaderFiles.Glsl)}:\n{output}");
        var module = new SpirvModule(File.ReadAllBytes(spirv));
        foreach (Type type in DeviceLayoutCatalog.Structs)
        {
            Dictionary<string, int> compiled = module.MemberOffsets(type.Name);
            var expected = CSharpOffsets(type);
            var actual = expected.Select(f => (f.Name, compiled.GetValueOrDefault(f.Name, -1))).ToList();
            Assert.Equal(expected, actual);
            Assert.Equal(Marshal.SizeOf(type), module.RuntimeArrayStride(type.Name));
        }
    }

    [SkippableFact]
    public void CudaHeaderCompilesWithoutSystemHeadersAndItsStaticAssertsHold()
    {
        string gxx = RequireTool("g++", "g++");
        string header = LayoutHeaderFiles.FullPath(LayoutHeaderFiles.CudaC);

        (int exit, string output) = CompileAsCxx(gxx, "c++17", CudaShim, header);

        Assert.True(exit == 0, $"g++ rejected {LayoutHeaderFiles.RelativePath(LayoutHeaderFiles.CudaC)}:\n{output}");
    }

    [SkippableFact]
    public void CudaHeaderWithAWrongOffsetFailsItsStaticAssert()
    {
        string gxx = RequireTool("g++", "g++");
        string correct = File.ReadAllText(LayoutHeaderFiles.FullPath(LayoutHeaderFiles.CudaC));
        const string HeadOffset = "RINGKERNEL_RING_HEADER_HEAD_OFFSET = 128u;";
        Assert.Contains(HeadOffset, correct, StringComparison.Ordinal);
        string broken = Path.Combine(_work.FullName, "broken_layouts.cuh");
        File.WriteAllText(broken, correct.Replace(HeadOffset, "RINGKERNEL_RING_HEADER_HEAD_OFFSET = 136u;", StringComparison.Ordinal));

        (int exit, string output) = CompileAsCxx(gxx, "c++17", CudaShim, broken);

        Assert.NotEqual(0, exit);
        Assert.Contains("RingHeader.Head: offset differs from C#", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void MetalHeaderCompilesAsCxxWithMetalBuiltinsAndItsStaticAssertsHold()
    {
        string gxx = RequireTool("g++", "g++");
        string header = LayoutHeaderFiles.FullPath(LayoutHeaderFiles.Msl);

        (int exit, string output) = CompileAsCxx(gxx, "c++14", MetalShim, header);

        Assert.True(exit == 0, $"g++ rejected {LayoutHeaderFiles.RelativePath(LayoutHeaderFiles.Msl)}:\n{output}");
    }

    /// <summary>NVRTC predefines __CUDACC_RTC__ and has no system headers; -nostdinc holds g++ to the same.</summary>
    private const string CudaShim = "#define __CUDACC_RTC__ 1\n";

    /// <summary>MSL is C++14 with these built-ins; on an LP64 host they have MSL's sizes (the static_asserts check).</summary>
    private const string MetalShim = "typedef unsigned int uint;\ntypedef unsigned long ulong;\n#define constant\n";

    /// <summary>
    /// Syntax-checks <paramref name="header"/>, included twice (its guard must hold), with warnings as
    /// errors; -Wpadded fails if the compiler had to insert any padding the header does not declare.
    /// </summary>
    private (int ExitCode, string Output) CompileAsCxx(string gxx, string standard, string shim, string header)
    {
        string source = Path.Combine(_work.FullName, "layouts.cpp");
        string include = header.Replace('\\', '/');
        File.WriteAllText(source, $"{shim}#include \"{include}\"\n#include \"{include}\"\n");
        return ExternalTool.Run(gxx, _work.FullName,
            "-x", "c++", $"-std={standard}", "-fsyntax-only", "-nostdinc",
            "-Wall", "-Wextra", "-Wpedantic", "-Wpadded", "-Werror", source);
    }

    private static string RequireTool(string name, string debianPackage)
    {
        string? path = ExternalTool.Find(name);
        Skip.If(path is null, $"{name} is not on PATH (Debian package {debianPackage}); the generated header was not compiled.");
        return path!;
    }

    /// <summary>One std430 buffer per catalog struct, each struct copied whole so that every member is used.</summary>
    private static string ShaderUsingEveryStruct()
    {
        var shader = new StringBuilder();
        shader.Append("#version 450\n#extension GL_GOOGLE_include_directive : require\n");
        shader.Append("#include \"ringkernel_layouts.glsl\"\n#include \"ringkernel_layouts.glsl\"\n");
        shader.Append("layout(local_size_x = 1) in;\n");
        var main = new StringBuilder("void main()\n{\n");
        for (int i = 0; i < DeviceLayoutCatalog.Structs.Count; i++)
        {
            string name = DeviceLayoutCatalog.Structs[i].Name;
            shader.Append(CultureInfo.InvariantCulture, $"layout(std430, binding = {i}) buffer {name}Buffer {{ {name} items[]; }} buffer{i};\n");
            main.Append(CultureInfo.InvariantCulture, $"    buffer{i}.items[gl_GlobalInvocationID.x + 1u] = buffer{i}.items[gl_GlobalInvocationID.x];\n");
        }
        main.Append("    buffer1.items[0].Capacity = RINGKERNEL_RING_HEADER_SIZE + RINGKERNEL_KERNEL_STATUS_FAULTED;\n");
        return shader.Append(main).Append("}\n").ToString();
    }

    private static List<(string Name, int Offset)> CSharpOffsets(Type type) =>
        type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(f => (f.Name, (int)Marshal.OffsetOf(type, f.Name)))
            .OrderBy(f => f.Item2)
            .ToList();
}
