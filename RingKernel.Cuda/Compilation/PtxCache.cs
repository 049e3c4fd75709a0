using System.Security.Cryptography;
using System.Text;

namespace RingKernel.Cuda.Compilation;

/// <summary>
/// Compiled PTX on disk, one file per program, named by a SHA-256 of everything that decides the
/// output: the source, every header's name and text, every option (the architecture among them)
/// and the NVRTC version. A change to any of them is a different file; nothing is ever stale.
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
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // Every part is length-prefixed so that no two different inputs hash the same bytes.
        Append(hash, compilerVersion);
        Append(hash, program.Name);
        Append(hash, program.Source);
        Append(hash, program.Headers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach ((string name, string text) in program.Headers)
        {
            Append(hash, name);
            Append(hash, text);
        }

        Append(hash, options.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (string option in options)
            Append(hash, option);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The file that holds the PTX of <paramref name="program"/> under <paramref name="key"/>.</summary>
    public string PathFor(CudaProgramSource program, string key)
    {
        ArgumentNullException.ThrowIfNull(program);
        return Path.Combine(Directory, $"{Path.GetFileNameWithoutExtension(program.Name)}-{key}.ptx");
    }

    /// <summary>The cached PTX for <paramref name="key"/>, or the output of <paramref name="compile"/>, stored first.</summary>
    public byte[] GetOrCompile(CudaProgramSource program, string key, Func<byte[]> compile, out bool hit)
    {
        ArgumentNullException.ThrowIfNull(compile);
        string path = PathFor(program, key);
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

    private static void Append(IncrementalHash hash, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
