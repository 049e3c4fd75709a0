namespace RingKernel.Cuda.Compilation;

/// <summary>A CUDA C translation unit for NVRTC: its file name, its text, and the headers it may include by name.</summary>
public sealed class CudaProgramSource
{
    public CudaProgramSource(string name, string source, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(headers);
        Name = name;
        Source = source;
        Headers = headers;
    }

    /// <summary>The file name NVRTC reports in diagnostics, e.g. "stencils.cu".</summary>
    public string Name { get; }

    public string Source { get; }

    /// <summary>Header file names and their text, in a fixed order (the cache key depends on it).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }
}
