using System.Collections.Concurrent;

namespace RingKernel.Vulkan.Shaders;

/// <summary>
/// The SPIR-V modules built from <c>RingKernel.Vulkan/Shaders/*.comp</c>. They are compiled ahead
/// of time and committed (Shaders/Spirv, embedded in this assembly), so building and running need no
/// shader compiler; a test recompiles the sources with glslc and fails when a committed module is stale.
/// </summary>
public static class VulkanShaders
{
    private const string Prefix = "RingKernel.Vulkan.Shaders.";
    private const string Suffix = ".spv";

    private static readonly ConcurrentDictionary<string, ReadOnlyMemory<byte>> Loaded = new(StringComparer.Ordinal);

    /// <summary>The names of the embedded modules: each source's file name without ".comp".</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(VulkanShaders).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(Suffix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^Suffix.Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The module compiled from <c>Shaders/<paramref name="name"/>.comp</c>.</summary>
    public static ReadOnlyMemory<byte> Spirv(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Loaded.GetOrAdd(name, static n =>
        {
            using Stream stream = typeof(VulkanShaders).Assembly.GetManifestResourceStream(Prefix + n + Suffix)
                ?? throw new ArgumentException($"No SPIR-V module '{n}' is embedded; the modules are: {string.Join(", ", Names)}.", nameof(name));
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        });
    }
}
