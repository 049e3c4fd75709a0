using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using RingKernel.Tests.Layouts;
using RingKernel.TestKernels;
using RingKernel.Vulkan.Shaders;

namespace RingKernel.Tests.Vulkan;

/// <summary>
/// One set of GLSL compute shaders compiled to committed SPIR-V: the backend's (RingKernel.Vulkan/Shaders)
/// or the test kernels' (RingKernel.TestKernels/Vulkan/Shaders, which include the backend's headers).
/// It knows how its modules are compiled, which are embedded, and the manifest that records, for
/// each committed module, a hash of the source it was built from.
/// </summary>
internal sealed partial class ShaderSources
{
    private static readonly string BackendDirectory = Path.Combine(LayoutHeaderFiles.RepositoryRoot, "RingKernel.Vulkan", "Shaders");

    private readonly string[] _includeDirectories;

    private ShaderSources(string name, string directory, string project, IReadOnlyList<string> embedded, params string[] includes)
    {
        Name = name;
        Directory = directory;
        Project = project;
        Embedded = embedded;
        GlslcFlags = ["--target-env=vulkan1.2", "-I", ".", .. includes.SelectMany(include => (string[])["-I", Path.GetRelativePath(directory, include).Replace('\\', '/')])];
        _includeDirectories = [directory, .. includes];
    }

    /// <summary>The backend's shaders, embedded in RingKernel.Vulkan.</summary>
    public static ShaderSources Backend { get; } = new("backend", BackendDirectory, "RingKernel.Vulkan", VulkanShaders.Names);

    /// <summary>The test kernels' shaders, embedded in RingKernel.TestKernels.</summary>
    public static ShaderSources TestKernels { get; } = new(
        "test kernels", Path.Combine(LayoutHeaderFiles.RepositoryRoot, "RingKernel.TestKernels", "Vulkan", "Shaders"), "RingKernel.TestKernels", TestKernelFiles.SpirvNames, BackendDirectory);

    /// <summary>Both sets, by name, for theories.</summary>
    public static TheoryData<string> Sets => [Backend.Name, TestKernels.Name];

    public string Name { get; }

    public string Directory { get; }

    /// <summary>The project whose assembly embeds the modules.</summary>
    public string Project { get; }

    /// <summary>The names of the modules the project's assembly embeds.</summary>
    public IReadOnlyList<string> Embedded { get; }

    /// <summary>The glslc arguments every module is built with, run in <see cref="Directory"/> (before -o and the source).</summary>
    public string[] GlslcFlags { get; }

    public string SpirvDirectory => Path.Combine(Directory, "Spirv");

    public string ManifestPath => Path.Combine(SpirvDirectory, "manifest.txt");

    public static ShaderSources Named(string name) => name == Backend.Name ? Backend : name == TestKernels.Name ? TestKernels : throw new ArgumentOutOfRangeException(nameof(name), name, null);

    /// <summary>Every shader's name (its .comp file name without the extension).</summary>
    public IReadOnlyList<string> Names() =>
        System.IO.Directory.GetFiles(Directory, "*.comp").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// SHA-256 of the source and every file it #includes, directly or through another include (each
    /// once, in the order first met; line endings normalised), in hex.
    /// </summary>
    public string Hash(string name)
    {
        var text = new StringBuilder();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Append(name + ".comp");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));

        void Append(string file)
        {
            if (!seen.Add(file))
                return;
            string source = Read(file);
            text.Append(source).Append('\0');
            foreach (Match include in IncludePattern().Matches(source))
                Append(include.Groups[1].Value);
        }
    }

    /// <summary>The manifest's name-to-hash entries, and the compiler its header records.</summary>
    public (Dictionary<string, string> Hashes, string Compiler) ReadManifest()
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        string compiler = "";
        foreach (string line in File.ReadAllLines(ManifestPath))
        {
            if (line.StartsWith("# compiler: ", StringComparison.Ordinal))
                compiler = line["# compiler: ".Length..];
            else if (line.Length > 0 && line[0] != '#')
            {
                string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                hashes[parts[0]] = parts[1];
            }
        }

        return (hashes, compiler);
    }

    public void WriteManifest(string compiler)
    {
        string sources = Path.GetRelativePath(LayoutHeaderFiles.RepositoryRoot, Directory).Replace('\\', '/');
        var text = new StringBuilder();
        text.Append("# SPIR-V modules compiled from ").Append(sources).Append("/*.comp, embedded in ").Append(Project).Append(".\n");
        text.Append("# Regenerate: RINGKERNEL_UPDATE_SHADERS=1 dotnet test RingKernel.sln -c Release --filter FullyQualifiedName~RingKernel.Tests.Vulkan.CommittedSpirvTests\n");
        text.Append("# compiler: ").Append(compiler).Append('\n');
        text.Append("# flags: ").Append(string.Join(' ', GlslcFlags)).Append(" (run in ").Append(sources).Append(")\n");
        text.Append("# name, SHA-256 of the source and its includes\n");
        foreach (string name in Names())
            text.Append(name).Append(' ').Append(Hash(name)).Append('\n');
        File.WriteAllText(ManifestPath, text.ToString());
    }

    public override string ToString() => Name;

    /// <summary>A source or include, looked up as glslc does: in this set's folder first, then in each include folder.</summary>
    private string Read(string file)
    {
        string path = _includeDirectories.Select(directory => Path.Combine(directory, file)).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"{file} is in none of {string.Join(", ", _includeDirectories)}.");
        return File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    [GeneratedRegex("^\\s*#include\\s+\"([^\"]+)\"", RegexOptions.Multiline)]
    private static partial Regex IncludePattern();
}
