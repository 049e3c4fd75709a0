namespace RingKernel.Metal.Shaders;

/// <summary>
/// One MSL translation of a Vulkan kernel's SPIR-V module (see <see cref="MetalShaders"/>): its
/// source, the kernel function spirv-cross named, and where the module's resources went. The module's
/// push-constant block becomes one buffer argument (filled with <c>setBytes</c>) and each storage
/// buffer binding another; spirv-cross numbers them, so the numbers are recorded here.
/// </summary>
public sealed class MetalShader
{
    internal MetalShader(string name, string source, string entryPoint, int? constantsIndex, IReadOnlyList<int> storageBufferIndices, string spirvSha256)
    {
        Name = name;
        Source = source;
        EntryPoint = entryPoint;
        ConstantsIndex = constantsIndex;
        StorageBufferIndices = storageBufferIndices;
        SpirvSha256 = spirvSha256;
    }

    /// <summary>The Vulkan shader's name (RingKernel.Vulkan/Shaders/<c>Name</c>.comp).</summary>
    public string Name { get; }

    /// <summary>The MSL (Metal 3) source.</summary>
    public string Source { get; }

    /// <summary>The kernel function in <see cref="Source"/>.</summary>
    public string EntryPoint { get; }

    /// <summary>The buffer index of the push-constant block; null when the module has none.</summary>
    public int? ConstantsIndex { get; }

    /// <summary>The buffer index of each storage-buffer binding, in binding order.</summary>
    public IReadOnlyList<int> StorageBufferIndices { get; }

    /// <summary>SHA-256 (lower-case hex) of the SPIR-V module this was translated from.</summary>
    public string SpirvSha256 { get; }

    public override string ToString() => $"MSL of '{Name}'";
}
