using System.Text;
using RingKernel.Cuda.Compilation;

namespace RingKernel.Tests.Cuda;

/// <summary>PTX is cached by everything that decides it, and a hit reads the file instead of compiling.</summary>
public sealed class PtxCacheTests : IDisposable
{
    private static readonly IReadOnlyList<string> Sm80 = NvrtcOptions.Build(new ComputeCapability(8, 0));

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ringkernel-ptx-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void The_key_changes_with_source_header_architecture_options_and_compiler_and_with_nothing_else()
    {
        CudaProgramSource program = Program("extern \"C\" __global__ void k() {}");
        string key = PtxCache.Key(program, Sm80, "12.4");
        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.Equal(key, PtxCache.Key(Program("extern \"C\" __global__ void k() {}"), NvrtcOptions.Build(new ComputeCapability(8, 0)), "12.4"));

        string[] others =
        [
            PtxCache.Key(Program("extern \"C\" __global__ void k() { }"), Sm80, "12.4"),
            PtxCache.Key(Program("extern \"C\" __global__ void k() {}", header: "#define X 2"), Sm80, "12.4"),
            PtxCache.Key(program, NvrtcOptions.Build(new ComputeCapability(9, 0)), "12.4"),
            PtxCache.Key(program, NvrtcOptions.Build(new ComputeCapability(8, 0), lineInfo: true), "12.4"),
            PtxCache.Key(program, Sm80, "12.6"),
            PtxCache.Key(new CudaProgramSource("other.cu", program.Source, program.Headers), Sm80, "12.4"),
        ];
        Assert.DoesNotContain(key, others);
        Assert.Equal(others.Length, others.Distinct().Count());
    }

    [Fact]
    public void Parts_cannot_run_into_each_other()
    {
        // "ab" + "c" and "a" + "bc" hash different bytes because every part is length-prefixed.
        var first = new CudaProgramSource("p.cu", "ab", [KeyValuePair.Create("c", "")]);
        var second = new CudaProgramSource("p.cu", "a", [KeyValuePair.Create("bc", "")]);
        Assert.NotEqual(PtxCache.Key(first, Sm80, "12.4"), PtxCache.Key(second, Sm80, "12.4"));
    }

    [Fact]
    public void A_miss_compiles_once_and_stores_the_file_that_the_next_lookup_reads()
    {
        var cache = new PtxCache(Path.Combine(_directory.FullName, "nested"));
        CudaProgramSource program = Program("extern \"C\" __global__ void k() {}");
        string key = PtxCache.Key(program, Sm80, "12.4");
        byte[] ptx = Encoding.ASCII.GetBytes(".version 8.0\n.target sm_80\0");
        int compiles = 0;

        byte[] first = cache.GetOrCompile("prog", key, () => { compiles++; return ptx; }, out bool firstHit);
        byte[] second = cache.GetOrCompile("prog", key, () => throw new InvalidOperationException("a hit must not compile"), out bool secondHit);

        Assert.False(firstHit);
        Assert.True(secondHit);
        Assert.Equal(1, compiles);
        Assert.Equal(ptx, first);
        Assert.Equal(ptx, second);
        string path = cache.PathFor("prog", key);
        Assert.Equal(Path.Combine(_directory.FullName, "nested", $"prog-{key}.ptx"), path);
        Assert.Equal(ptx, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(Path.Combine(_directory.FullName, "nested")));
    }

    [Fact]
    public void Another_architecture_misses_and_gets_its_own_file()
    {
        var cache = new PtxCache(_directory.FullName);
        CudaProgramSource program = Program("extern \"C\" __global__ void k() {}");
        string sm80 = PtxCache.Key(program, Sm80, "12.4");
        string sm90 = PtxCache.Key(program, NvrtcOptions.Build(new ComputeCapability(9, 0)), "12.4");
        cache.GetOrCompile("prog", sm80, () => [1, 0], out _);
        byte[] other = cache.GetOrCompile("prog", sm90, () => [2, 0], out bool hit);
        Assert.False(hit);
        Assert.Equal([2, 0], other);
        Assert.Equal(2, Directory.GetFiles(_directory.FullName).Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sub/prog")]
    [InlineData("../prog")]
    public void A_name_that_is_not_a_file_name_is_refused(string name) =>
        Assert.ThrowsAny<ArgumentException>(() => new PtxCache(_directory.FullName).PathFor(name, "0123"));

    private static CudaProgramSource Program(string source, string header = "#define X 1") =>
        new("prog.cu", source, [KeyValuePair.Create("defs.cuh", header)]);
}
