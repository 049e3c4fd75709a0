namespace RingKernel.TestKernels;

/// <summary>
/// The kernel sources embedded in this assembly: the SPIR-V modules built from
/// <c>Vulkan/Shaders/*.comp</c> and the CUDA C programs in <c>Cuda/Kernels</c>.
/// </summary>
public static class TestKernelFiles
{
    private const string SpirvPrefix = "RingKernel.TestKernels.Shaders.";
    private const string SpirvSuffix = ".spv";
    private const string CudaPrefix = "RingKernel.TestKernels.Cuda.";

    /// <summary>The names of the embedded SPIR-V modules: each source's file name without ".comp".</summary>
    public static IReadOnlyList<string> SpirvNames { get; } = [.. ResourceNames(SpirvPrefix, SpirvSuffix).Select(name => name[..^SpirvSuffix.Length])];

    /// <summary>The names of the embedded CUDA C programs, e.g. "saxpy.cu".</summary>
    public static IReadOnlyList<string> CudaProgramNames { get; } = ResourceNames(CudaPrefix, ".cu");

    /// <summary>The module compiled from <c>Vulkan/Shaders/<paramref name="name"/>.comp</c>.</summary>
    public static ReadOnlyMemory<byte> Spirv(string name)
    {
        using Stream stream = Open(SpirvPrefix + name + SpirvSuffix);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The text of the CUDA C program <paramref name="fileName"/>.</summary>
    public static string CudaSource(string fileName)
    {
        using var reader = new StreamReader(Open(CudaPrefix + fileName));
        return reader.ReadToEnd();
    }

    private static Stream Open(string resource) =>
        typeof(TestKernelFiles).Assembly.GetManifestResourceStream(resource)
            ?? throw new ArgumentException($"No kernel file '{resource}' is embedded in {typeof(TestKernelFiles).Assembly.GetName().Name}.", nameof(resource));

    private static string[] ResourceNames(string prefix, string suffix) =>
        [.. typeof(TestKernelFiles).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(suffix, StringComparison.Ordinal))
            .Select(name => name[prefix.Length..])
            .Order(StringComparer.Ordinal)];
}
