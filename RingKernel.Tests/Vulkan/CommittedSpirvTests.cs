using RingKernel.Tests.Layouts;
using RingKernel.Vulkan.Shaders;

namespace RingKernel.Tests.Vulkan;

/// <summary>
/// The committed SPIR-V is what the committed GLSL compiles to. Without glslc the manifest's source
/// hashes still catch a source edited without rebuilding; with the glslc that built the modules,
/// every module is rebuilt and compared byte for byte. RINGKERNEL_UPDATE_SHADERS=1 rebuilds them.
/// </summary>
public sealed class CommittedSpirvTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("ringkernel-spirv-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public void EveryShaderSourceHasAnEmbeddedModuleBuiltFromItsCurrentText()
    {
        Assert.Equal(ShaderSources.Names(), VulkanShaders.Names);
        (Dictionary<string, string> hashes, _) = ShaderSources.ReadManifest();
        Assert.Equal(ShaderSources.Names(), hashes.Keys.Order(StringComparer.Ordinal));
        foreach (string name in ShaderSources.Names())
        {
            Assert.True(hashes[name] == ShaderSources.Hash(name),
                $"Shaders/{name}.comp (or a file it includes) changed since Spirv/{name}.spv was built; run RINGKERNEL_UPDATE_SHADERS=1 dotnet test --filter FullyQualifiedName~CommittedSpirvTests.");
        }
    }

    [SkippableFact]
    public void GlslcBuildsExactlyTheCommittedModules()
    {
        string? glslc = ExternalTool.Find("glslc");
        Skip.If(glslc is null, "glslc is not installed (Debian package glslc); the source hashes are still checked.");
        string compiler = CompilerVersion(glslc);
        bool update = Environment.GetEnvironmentVariable("RINGKERNEL_UPDATE_SHADERS") == "1";
        string recorded = update ? compiler : ShaderSources.ReadManifest().Compiler;
        Skip.If(compiler != recorded, $"The modules were built by {recorded}; this glslc is {compiler}, whose output may differ byte for byte.");

        foreach (string name in ShaderSources.Names())
        {
            string output = Path.Combine(_work.FullName, name + ".spv");
            (int exit, string messages) = ExternalTool.Run(glslc, ShaderSources.Directory, [.. ShaderSources.GlslcFlags, "-o", output, name + ".comp"]);
            Assert.True(exit == 0, $"glslc failed on Shaders/{name}.comp:\n{messages}");
            string committed = Path.Combine(ShaderSources.SpirvDirectory, name + ".spv");
            if (update)
                File.Copy(output, committed, overwrite: true);
            else
                Assert.True(File.ReadAllBytes(output).AsSpan().SequenceEqual(File.ReadAllBytes(committed)), $"Spirv/{name}.spv is not what glslc builds from Shaders/{name}.comp; rebuild with RINGKERNEL_UPDATE_SHADERS=1.");
        }

        if (update)
            ShaderSources.WriteManifest(compiler);
    }

    private string CompilerVersion(string glslc)
    {
        (int exit, string output) = ExternalTool.Run(glslc, _work.FullName, "--version");
        Assert.Equal(0, exit);
        // "shaderc v2023.2 ..." then spirv-tools and glslang lines: all three decide the bytes.
        return string.Join(" / ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith("Target", StringComparison.Ordinal)));
    }
}
