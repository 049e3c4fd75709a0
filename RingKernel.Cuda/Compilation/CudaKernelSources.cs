namespace RingKernel.Cuda.Compilation;

/// <summary>
/// The CUDA C files embedded in this assembly (RingKernel.Cuda/Kernels): each .cu file is a program;
/// every .cuh file is offered to every program as a header it may include by name.
/// </summary>
public static class CudaKernelSources
{
    private const string Prefix = "RingKernel.Cuda.Kernels.";

    private static readonly Lazy<IReadOnlyList<KeyValuePair<string, string>>> LazyHeaders = new(LoadHeaders);

    /// <summary>The .cu file names, e.g. "stencils.cu".</summary>
    public static IReadOnlyList<string> ProgramNames { get; } = ResourceNames(".cu");

    /// <summary>The .cuh headers (name, text), ordered by name.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Headers => LazyHeaders.Value;

    /// <summary>The program in <paramref name="fileName"/> with every header.</summary>
    /// <exception cref="ArgumentException">No such file is embedded.</exception>
    public static CudaProgramSource Program(string fileName)
    {
        if (!ProgramNames.Contains(fileName))
            throw new ArgumentException($"No CUDA program '{fileName}' is embedded; there are: {string.Join(", ", ProgramNames)}.", nameof(fileName));
        return new CudaProgramSource(fileName, Read(fileName), Headers);
    }

    /// <summary>The text of the embedded file <paramref name="fileName"/> (a .cu or .cuh).</summary>
    public static string Read(string fileName)
    {
        using Stream stream = typeof(CudaKernelSources).Assembly.GetManifestResourceStream(Prefix + fileName)
            ?? throw new ArgumentException($"No CUDA source '{fileName}' is embedded.", nameof(fileName));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static KeyValuePair<string, string>[] LoadHeaders() =>
        ResourceNames(".cuh").Select(name => KeyValuePair.Create(name, Read(name))).ToArray();

    private static string[] ResourceNames(string extension) =>
        typeof(CudaKernelSources).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(extension, StringComparison.Ordinal))
            .Select(name => name[Prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToArray();
}
