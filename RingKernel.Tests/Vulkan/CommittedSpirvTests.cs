using RingKernel.Tests.Layouts;

namespace RingKernel.Tests.Vulkan;

/// <summary>
/// The committed SPIR-V is what the committed GLSL compiles to, for the backend's shaders and the
/// test kernels'. Without glslc the manifest's source hashes still catch a source edited without
/// rebuilding; with the glslc that built the modules, every module is rebuilt and compared byte for
/// byte. RINGKERNEL_UPDATE_SHADERS=1 rebuilds them.
/// </summary>
public sealed class CommittedSpirvTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("ringkernel-spirv-");

    public static TheoryData<string> Sets => ShaderSources.Sets;

    public void Dispose() => _work.Delete(recursive: true);

    [Theory]
    [MemberData(nameof(Sets))]
    public void EveryShaderSourceHasAnEmbeddedModuleBuiltFromItsCurrentText(string set)
    {
        ShaderSources shaders = ShaderSources.Named(set);
        Assert.Equal(shaders.Names(), shaders.Embedded);
        (Dictionary<string, string> hashes, _) = shaders.ReadManifest();
        Assert.Equal(shaders.Names(), hashes.Keys.Order(StringComparer.Ordinal));
        foreach (string name in shaders.Names())
        {
            Assert.True(hashes[name] == shaders.Hash(name),
                $"{shaders.Directory}/{name}.comp (or a file it includes) changed since Spirv/{name}.spv was built; run RINGKERNEL_UPDATE_SHADERS=1 dotnet test --filter FullyQualifiedName~CommittedSpirvTests.");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Sets))]
    public void GlslcBuildsExactlyTheCommittedModules(string set)
    {
        ShaderSources shaders = ShaderSources.Named(set);
        string? glslc = ExternalTool.Find("glslc");
        Skip.If(glslc is null, "glslc is not installed (Debian package glslc); the source hashes are still checked.");
        string compiler = CompilerVersion(glslc);
        bool update = Environment.GetEnvironmentVariable("RINGKERNEL_UPDATE_SHADERS") == "1";
        string recorded = update ? compiler : shaders.ReadManifest().Compiler;
        Skip.If(compiler != recorded, $"The modules were built by {recorded}; this glslc is {compiler}, whose output may differ byte for byte.");

        foreach (string name in shaders.Names())
        {
            string output = Path.Combine(_work.FullName, name + ".spv");
            (int exit, string messages) = ExternalTool.Run(glslc, shaders.Directory, [.. shaders.GlslcFlags, "-o", output, name + ".comp"]);
            Assert.True(exit == 0, $"glslc failed on {shaders.Directory}/{name}.comp:\n{messages}");
            string committed = Path.Combine(shaders.SpirvDirectory, name + ".spv");
            if (update)
                File.Copy(output, committed, overwrite: true);
            else
                Assert.True(File.ReadAllBytes(output).AsSpan().SequenceEqual(File.ReadAllBytes(committed)), $"Spirv/{name}.spv is not what glslc builds from {shaders.Directory}/{name}.comp; rebuild with RINGKERNEL_UPDATE_SHADERS=1.");
        }

        if (update)
            shaders.WriteManifest(compiler);
    }

    private string CompilerVersion(string glslc)
    {
        (int exit, string output) = ExternalTool.Run(glslc, _work.FullName, "--version");
        Assert.Equal(0, exit);
        // "shaderc v2023.2 ..." then spirv-tools and glslang lines: all three decide the bytes.
        return string.Join(" / ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith("Target", StringComparison.Ordinal)));
    }
}
