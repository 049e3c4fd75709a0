using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using RingKernel.Tests.Layouts;

namespace RingKernel.Tests.Vulkan;

/// <summary>
/// The GLSL sources of RingKernel.Vulkan/Shaders, how they are compiled, and the manifest that
/// records, for each committed SPIR-V module, a hash of the source it was built from.
/// </summary>
internal static partial class ShaderSources
{
    /// <summary>The glslc arguments every module is built with (before -o and the source).</summary>
    public static readonly string[] GlslcFlags = ["--target-env=vulkan1.2", "-I", "."];

    public static string Directory { get; } = Path.Combine(LayoutHeaderFiles.RepositoryRoot, "RingKernel.Vulkan", "Shaders");

    public static string SpirvDirectory { get; } = Path.Combine(Directory, "Spirv");

    public static string ManifestPath { get; } = Path.Combine(SpirvDirectory, "manifest.txt");

    /// <summary>Every shader's name (its .comp file name without the extension).</summary>
    public static IReadOnlyList<string> Names() =>
        System.IO.Directory.GetFiles(Directory, "*.comp").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// SHA-256 of the source and every file it #includes, directly or through another include (each
    /// once, in the order first met; line endings normalised), in hex.
    /// </summary>
    public static string Hash(string name)
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
    public static (Dictionary<string, string> Hashes, string Compiler) ReadManifest()
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

    public static void WriteManifest(string compiler)
    {
        var text = new StringBuilder();
        text.Append("# SPIR-V modules compiled from RingKernel.Vulkan/Shaders/*.comp, embedded in RingKernel.Vulkan.\n");
        text.Append("# Regenerate: RINGKERNEL_UPDATE_SHADERS=1 dotnet test RingKernel.sln -c Release --filter FullyQualifiedName~RingKernel.Tests.Vulkan.CommittedSpirvTests\n");
        text.Append("# compiler: ").Append(compiler).Append('\n');
        text.Append("# flags: ").Append(string.Join(' ', GlslcFlags)).Append(" (run in Shaders/)\n");
        text.Append("# name, SHA-256 of the source and its includes\n");
        foreach (string name in Names())
            text.Append(name).Append(' ').Append(Hash(name)).Append('\n');
        File.WriteAllText(ManifestPath, text.ToString());
    }

    private static string Read(string file) => File.ReadAllText(Path.Combine(Directory, file)).Replace("\r\n", "\n", StringComparison.Ordinal);

    [GeneratedRegex("^\\s*#include\\s+\"([^\"]+)\"", RegexOptions.Multiline)]
    private static partial Regex IncludePattern();
}
