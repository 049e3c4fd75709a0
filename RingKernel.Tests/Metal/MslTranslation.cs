using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RingKernel.Metal.Shaders;
using RingKernel.Tests.Layouts;
using RingKernel.Tests.Vulkan;

namespace RingKernel.Tests.Metal;

/// <summary>
/// How the committed MSL (RingKernel.Metal/Shaders/Msl) is made from the committed SPIR-V of
/// RingKernel.Vulkan: each module that Metal can take (<see cref="SpirvForMetal.WhyNoMsl"/>) is
/// prepared (<see cref="SpirvForMetal.PrepareForMsl"/>) and translated by spirv-cross; the manifest
/// records the module's hash and where spirv-cross put its resources, read from the kernel function's
/// parameters and spirv-cross's reflection of the module.
/// </summary>
internal static partial class MslTranslation
{
    /// <summary>Metal 3: the first MSL that takes a 64-bit device address as a pointer (buffer device addresses).</summary>
    public static readonly string[] Flags = ["--msl", "--msl-version", "30000"];

    public static string Directory { get; } = Path.Combine(LayoutHeaderFiles.RepositoryRoot, "RingKernel.Metal", "Shaders", "Msl");

    public static string ManifestPath { get; } = Path.Combine(Directory, "manifest.txt");

    /// <summary>The SHA-256 of a committed SPIR-V module, in lower-case hex.</summary>
    public static string SpirvHash(string name) => Convert.ToHexStringLower(SHA256.HashData(Spirv(name)));

    public static byte[] Spirv(string name) => File.ReadAllBytes(SpirvSets.Select(set => Path.Combine(set.SpirvDirectory, name + ".spv")).First(File.Exists));

    /// <summary>Where the committed SPIR-V lives: the backend's kernels and the test kernels.</summary>
    private static ShaderSources[] SpirvSets => [ShaderSources.Backend, ShaderSources.TestKernels];

    /// <summary>The committed modules Metal takes, and those it cannot with why, in name order.</summary>
    public static (IReadOnlyList<string> Translated, IReadOnlyList<(string Name, string Reason)> Untranslated) Plan()
    {
        var translated = new List<string>();
        var untranslated = new List<(string, string)>();
        foreach (string name in SpirvSets.SelectMany(set => set.Names()).Order(StringComparer.Ordinal))
        {
            if (new SpirvForMetal(Spirv(name)).WhyNoMsl() is { } reason)
                untranslated.Add((name, reason));
            else
                translated.Add(name);
        }

        return (translated, untranslated);
    }

    /// <summary>Translates module <paramref name="name"/> with spirv-cross: the committed file's text and its manifest entry.</summary>
    public static (string Msl, MetalShaderManifest.Entry Entry) Translate(string spirvCross, string name, DirectoryInfo work)
    {
        (byte[] prepared, _) = new SpirvForMetal(Spirv(name)).PrepareForMsl();
        string input = Path.Combine(work.FullName, name + ".spv");
        File.WriteAllBytes(input, prepared);

        string output = Path.Combine(work.FullName, name + ".metal");
        (int exit, string messages) = ExternalTool.Run(spirvCross, work.FullName, [input, .. Flags, "--output", output]);
        if (exit != 0)
            throw new InvalidOperationException($"spirv-cross could not translate {name}.spv:\n{messages}");
        string reflection = Path.Combine(work.FullName, name + ".json");
        (exit, messages) = ExternalTool.Run(spirvCross, work.FullName, input, "--reflect", "--output", reflection);
        if (exit != 0)
            throw new InvalidOperationException($"spirv-cross could not reflect {name}.spv:\n{messages}");

        string msl = File.ReadAllText(output).Replace("\r\n", "\n", StringComparison.Ordinal);
        string header = $"// Translated by spirv-cross ({string.Join(' ', Flags)}) from RingKernel.Vulkan/Shaders/Spirv/{name}.spv; do not edit.\n"
            + "// Regenerate: RINGKERNEL_UPDATE_MSL=1 dotnet test RingKernel.sln -c Release --filter FullyQualifiedName~RingKernel.Tests.Metal.CommittedMslTests\n";
        return (header + msl, Entry(name, msl, File.ReadAllText(reflection)));
    }

    public static void WriteManifest(string translator, IEnumerable<MetalShaderManifest.Entry> entries, IEnumerable<(string Name, string Reason)> untranslated)
    {
        var text = new StringBuilder();
        text.Append("# MSL translated by spirv-cross from the SPIR-V modules of RingKernel.Vulkan/Shaders/Spirv, embedded in RingKernel.Metal.\n");
        text.Append("# Regenerate: RINGKERNEL_UPDATE_MSL=1 dotnet test RingKernel.sln -c Release --filter FullyQualifiedName~RingKernel.Tests.Metal.CommittedMslTests\n");
        text.Append("# translator: ").Append(translator).Append('\n');
        text.Append("# flags: ").Append(string.Join(' ', Flags)).Append('\n');
        foreach ((string name, string reason) in untranslated)
            text.Append("# not translated: ").Append(name).Append(" (").Append(reason).Append(")\n");
        text.Append("# name, SHA-256 of the SPIR-V module, kernel function, buffer index of the push constants, buffer indices of the storage buffers in binding order (- for none)\n");
        foreach (MetalShaderManifest.Entry entry in entries)
            text.Append(entry.ToLine()).Append('\n');
        File.WriteAllText(ManifestPath, text.ToString());
    }

    /// <summary>The translator the manifest's header records.</summary>
    public static string RecordedTranslator() =>
        File.ReadAllLines(ManifestPath).FirstOrDefault(l => l.StartsWith("# translator: ", StringComparison.Ordinal))?["# translator: ".Length..] ?? "";

    /// <summary>
    /// The manifest entry of a translation: the kernel function's name, and for each of its buffer
    /// parameters the resource it stands for, matched by struct name with the reflection's push-constant
    /// block and storage buffers.
    /// </summary>
    private static MetalShaderManifest.Entry Entry(string name, string msl, string reflectionJson)
    {
        Match kernel = KernelFunction().Match(msl);
        if (!kernel.Success)
            throw new InvalidOperationException($"The MSL of {name} has no kernel function.");

        using JsonDocument reflection = JsonDocument.Parse(reflectionJson);
        JsonElement root = reflection.RootElement;
        string? constantsType = root.TryGetProperty("push_constants", out JsonElement pushConstants)
            ? root.GetProperty("types").GetProperty(pushConstants[0].GetProperty("type").GetString()!).GetProperty("name").GetString()
            : null;
        var bindingsByType = new Dictionary<string, int>(StringComparer.Ordinal);
        if (root.TryGetProperty("ssbos", out JsonElement storageBuffers))
        {
            foreach (JsonElement buffer in storageBuffers.EnumerateArray())
                bindingsByType.Add(buffer.GetProperty("name").GetString()!, buffer.GetProperty("binding").GetInt32());
        }

        int? constants = null;
        var indices = new int?[bindingsByType.Count];
        foreach (Match parameter in BufferParameter().Matches(kernel.Groups["parameters"].Value))
        {
            string type = parameter.Groups["type"].Value;
            int index = int.Parse(parameter.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (type == constantsType)
                constants = index;
            else if (bindingsByType.TryGetValue(type, out int binding))
                indices[binding] = index;
            else
                throw new InvalidOperationException($"The kernel function of {name} takes buffer {index} of type {type}, which is neither its push constants nor one of its storage buffers.");
        }

        if (Array.IndexOf(indices, null) is int missing and >= 0)
            throw new InvalidOperationException($"The kernel function of {name} has no parameter for storage buffer binding {missing}.");
        if (constantsType is not null && constants is null)
            throw new InvalidOperationException($"The kernel function of {name} has no parameter for its push constants ({constantsType}).");
        return new MetalShaderManifest.Entry(name, SpirvHash(name), kernel.Groups["name"].Value, constants, [.. indices.Select(i => i!.Value)]);
    }

    [GeneratedRegex(@"^kernel void (?<name>\w+)\((?<parameters>[^\n]*)\)$", RegexOptions.Multiline)]
    private static partial Regex KernelFunction();

    [GeneratedRegex(@"(?<type>\w+)&\s*\w+\s*\[\[buffer\((?<index>\d+)\)\]\]")]
    private static partial Regex BufferParameter();
}
