using RingKernel.Metal.Shaders;
using RingKernel.Tests.Layouts;

namespace RingKernel.Tests.Metal;

/// <summary>
/// The committed MSL is what spirv-cross makes of the committed SPIR-V. Without spirv-cross the
/// manifest's module hashes still catch SPIR-V rebuilt without translating it again, and the set of
/// translated modules is checked against what Metal can take; with the spirv-cross that made the files,
/// every module is translated again and compared byte for byte. RINGKERNEL_UPDATE_MSL=1 rewrites them.
/// </summary>
public sealed class CommittedMslTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("ringkernel-msl-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public void EveryModuleMetalCanTakeHasAnEmbeddedTranslationOfItsCurrentBytes()
    {
        (IReadOnlyList<string> translated, _) = MslTranslation.Plan();
        Assert.Equal(translated, MetalShaders.Names);
        foreach (string name in translated)
        {
            MetalShader shader = MetalShaders.Get(name);
            Assert.True(shader.SpirvSha256 == MslTranslation.SpirvHash(name),
                $"Spirv/{name}.spv changed since Shaders/Msl/{name}.metal was translated; run RINGKERNEL_UPDATE_MSL=1 dotnet test --filter FullyQualifiedName~CommittedMslTests.");
            Assert.True(MetalShaders.TryFind(MslTranslation.Spirv(name), out MetalShader? found));
            Assert.Same(shader, found);
        }
    }

    [Fact]
    public void TheSharedMemoryStencilsAndTheReductionAreTheModulesMetalCannotTake()
    {
        (_, IReadOnlyList<(string Name, string Reason)> untranslated) = MslTranslation.Plan();

        Assert.Equal(["heat2d_step_shared", "reduce_sum", "wave3d_step_shared"], untranslated.Select(u => u.Name));
        Assert.False(MetalShaders.TryFind(MslTranslation.Spirv("reduce_sum"), out _));
    }

    [SkippableFact]
    public void SpirvCrossTranslatesExactlyTheCommittedFiles()
    {
        string? spirvCross = ExternalTool.Find("spirv-cross");
        Skip.If(spirvCross is null, "spirv-cross is not installed (Debian package spirv-cross); the module hashes are still checked.");
        string translator = TranslatorVersion(spirvCross);
        bool update = Environment.GetEnvironmentVariable("RINGKERNEL_UPDATE_MSL") == "1";
        string recorded = update ? translator : MslTranslation.RecordedTranslator();
        Skip.If(translator != recorded, $"The MSL was translated by {recorded}; this spirv-cross is {translator}, whose output may differ.");

        (IReadOnlyList<string> translated, IReadOnlyList<(string Name, string Reason)> untranslated) = MslTranslation.Plan();
        var entries = new List<MetalShaderManifest.Entry>();
        foreach (string name in translated)
        {
            (string msl, MetalShaderManifest.Entry entry) = MslTranslation.Translate(spirvCross, name, _work);
            string committed = Path.Combine(MslTranslation.Directory, name + ".metal");
            if (update)
                File.WriteAllText(committed, msl);
            else
                Assert.True(File.Exists(committed) && File.ReadAllText(committed) == msl, $"Shaders/Msl/{name}.metal is not what spirv-cross makes of Spirv/{name}.spv; translate again with RINGKERNEL_UPDATE_MSL=1.");
            entries.Add(entry);
        }

        if (update)
        {
            foreach (string stale in Directory.GetFiles(MslTranslation.Directory, "*.metal").Where(f => !translated.Contains(Path.GetFileNameWithoutExtension(f))))
                File.Delete(stale);
            MslTranslation.WriteManifest(translator, entries, untranslated);
        }
        else
        {
            Assert.Equal(entries, MetalShaderManifest.Parse(File.ReadAllText(MslTranslation.ManifestPath)), ManifestEntryComparer.Instance);
        }
    }

    /// <summary>The Debian package's version: its spirv-cross prints no version of its own.</summary>
    private string TranslatorVersion(string spirvCross)
    {
        string? dpkg = ExternalTool.Find("dpkg-query");
        if (dpkg is not null)
        {
            (int exit, string version) = ExternalTool.Run(dpkg, _work.FullName, "-W", "-f=${Version}", "spirv-cross");
            if (exit == 0 && version.Trim().Length > 0)
                return $"spirv-cross {version.Trim()}";
        }

        (int code, string revision) = ExternalTool.Run(spirvCross, _work.FullName, "--revision");
        Assert.Equal(0, code);
        return $"spirv-cross {revision.Trim()}";
    }

    private sealed class ManifestEntryComparer : IEqualityComparer<MetalShaderManifest.Entry>
    {
        public static readonly ManifestEntryComparer Instance = new();

        public bool Equals(MetalShaderManifest.Entry x, MetalShaderManifest.Entry y) => x.ToLine() == y.ToLine();

        public int GetHashCode(MetalShaderManifest.Entry obj) => obj.ToLine().GetHashCode(StringComparison.Ordinal);
    }
}
