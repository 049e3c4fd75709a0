using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace RingKernel.Metal.Shaders;

/// <summary>
/// The MSL translations of RingKernel.Vulkan's SPIR-V modules: spirv-cross turned each committed
/// module into MSL, committed under Shaders/Msl and embedded in this assembly, so building and running
/// need no translator; a test translates the modules again and fails when a committed file is stale.
/// One kernel source: the GLSL, compiled to SPIR-V for Vulkan and translated from that SPIR-V for Metal.
/// </summary>
/// <remarks>
/// Modules that size a threadgroup array by the workgroup size have no translation: MSL sizes arrays
/// only with compile-time constants, and the workgroup size is a function constant on Metal
/// (RingKernel.Metal/README.md lists them).
/// </remarks>
public static class MetalShaders
{
    private const string Prefix = "RingKernel.Metal.Shaders.";

    private static readonly Lazy<FrozenDictionary<string, MetalShader>> ByName = new(Load);
    private static readonly Lazy<FrozenDictionary<string, MetalShader>> BySpirv = new(() => ByName.Value.Values.ToFrozenDictionary(s => s.SpirvSha256, StringComparer.Ordinal));

    /// <summary>The translated modules' names, in order.</summary>
    public static IReadOnlyList<string> Names => [.. ByName.Value.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The translation of the Vulkan shader <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No translation of that shader is embedded.</exception>
    public static MetalShader Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return ByName.Value.TryGetValue(name, out MetalShader? shader)
            ? shader
            : throw new ArgumentException($"No MSL translation of shader '{name}' is embedded; the translated shaders are: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>The translation of the SPIR-V module <paramref name="spirv"/>, found by its SHA-256; false when it has none.</summary>
    public static bool TryFind(ReadOnlySpan<byte> spirv, [NotNullWhen(true)] out MetalShader? shader) =>
        BySpirv.Value.TryGetValue(Convert.ToHexStringLower(SHA256.HashData(spirv)), out shader);

    private static FrozenDictionary<string, MetalShader> Load()
    {
        var shaders = new Dictionary<string, MetalShader>(StringComparer.Ordinal);
        foreach (MetalShaderManifest.Entry entry in MetalShaderManifest.Parse(Read("manifest.txt")))
            shaders.Add(entry.Name, new MetalShader(entry.Name, Read(entry.Name + ".metal"), entry.EntryPoint, entry.ConstantsIndex, entry.StorageBufferIndices, entry.SpirvSha256));
        return shaders.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string Read(string file)
    {
        using Stream stream = typeof(MetalShaders).Assembly.GetManifestResourceStream(Prefix + file)
            ?? throw new InvalidOperationException($"RingKernel.Metal embeds no {file}; it is built from Shaders/Msl.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
