using System.Security.Cryptography;
using System.Text;

namespace RingKernel.Cuda.Compilation;

/// <summary>
/// Compiled PTX on disk, one file per program, named by a SHA-256 of everything that decides the
/// output: for CUDA C the source, every header's name and text, every option (the architecture
/// among them) and the NVRTC version; for a C# kernel what <see cref="CSharpKernelCompiler"/> names.
/// A change to any of them is a different file; nothing is ever stale.
/// Files are written to a temporary name and renamed, so a reader never sees half a file.
/// </summary>
public sealed class PtxCache
{
    /// <summary>Environment variable that moves the cache (CI, read-only homes).</summary>
    public const string DirectoryVariable = "RINGKERNEL_PTX_CACHE";

    public PtxCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
    }

    /// <summary>$RINGKERNEL_PTX_CACHE, or RingKernel/ptx under the user's local application data.</summary>
    public static PtxCache Default { get; } = new(
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "RingKernel", "ptx"));

    public string Directory { get; }

    /// <summary>The key of <paramref name="program"/> compiled with <paramref name="options"/> by NVRTC <paramref name="compilerVersion"/>: 64 hex digits.</summary>
    public static string Key(CudaProgramSource program, IReadOnlyList<string> options, string compilerVersion)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(options);
        var parts = new List<string> { compilerVersion, program.Name, program.Source, Count(program.Headers.Count) };
        foreach ((string name, string text) in program.Headers)
        {
            parts.Add(name);
            parts.Add(text);
        }

        parts.Add(Count(options.Count));
        parts.AddRange(options);
        return Hash(parts);
    }

    /// <summary>A SHA-256 of <paramref name="parts"/> in order (64 hex digits); every part is length-prefixed, so no two different lists hash the same bytes.</summary>
    internal static string Hash(IEnumerable<string> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        foreach (string part in parts)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(part);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The file that holds the PTX named <paramref name="name"/> (a file name without extension, e.g. "stencils") under <paramref name="key"/>.</summary>
    public string PathFor(string name, string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (Path.GetFileName(name) != name)
            throw new ArgumentException($"'{name}' is not a file name.", nameof(name));
        return Path.Combine(Directory, $"{name}-{key}.ptx");
    }

    /// <summary>The cached PTX named <paramref name="name"/> under <paramref name="key"/>, or the output of <paramref name="compile"/>, stored first.</summary>
    public byte[] GetOrCompile(string name, string key, Func<byte[]> compile, out bool hit)
    {
        ArgumentNullException.ThrowIfNull(compile);
        string path = PathFor(name, key);
        if (File.Exists(path))
        {
            hit = true;
            return File.ReadAllBytes(path);
        }

        hit = false;
        byte[] ptx = compile();
        System.IO.Directory.CreateDirectory(Directory);
        string temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, ptx);
        File.Move(temporary, path, overwrite: true);
        return ptx;
    }

    private static string Count(int count) => count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
