using System.Reflection;
using System.Text.RegularExpressions;
using ILGPU;
using RingKernel.Cuda.Compilation;

namespace RingKernel.Tests.Cuda;

/// <summary>
/// The C# stencil kernels compile to PTX without a GPU, for sm_80 and sm_90, once: a second request
/// reads the disk cache. The PTX keeps the references' order of operations: every float add, sub
/// and mul carries an explicit rounding modifier (so ptxas cannot contract them into FMAs), the
/// counts of each are those of the update expressions, and nothing is fused, flushed or approximated.
/// </summary>
public sealed partial class CSharpKernelPtxTests(StencilKernelPtx compiled) : IClassFixture<StencilKernelPtx>
{
    public static TheoryData<string, int> KernelsAndArchitectures()
    {
        var data = new TheoryData<string, int>();
        foreach (string kernel in StencilKernelPtx.Kernels.Keys)
        {
            foreach (ComputeCapability capability in StencilKernelPtx.Capabilities)
                data.Add(kernel, capability.Major);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KernelsAndArchitectures))]
    public void Each_kernel_compiles_to_ptx_with_one_entry_point(string kernel, int major)
    {
        (CompiledPtx ptx, bool hit) = compiled.First(kernel, new ComputeCapability(major, 0));
        Assert.False(hit);
        Assert.Equal($"Kernel_{StencilKernelPtx.Kernels[kernel].Name}", ptx.EntryPoint);
        Assert.Contains("\n.version 7.8\n", ptx.Text, StringComparison.Ordinal);
        // ILGPU targets the requested architecture capped at sm_80, the newest its code needs; the driver compiles that PTX for an sm_90 device.
        Assert.Contains("\n.target sm_80\n", ptx.Text, StringComparison.Ordinal);
        bool shared = kernel.EndsWith("SharedStep", StringComparison.Ordinal);
        Assert.Equal(shared, ptx.Text.Contains(".extern .shared", StringComparison.Ordinal));
        Assert.Equal(shared, ptx.Text.Contains("bar.sync", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(KernelsAndArchitectures))]
    public void No_multiply_and_add_can_be_fused_and_every_operation_of_the_update_is_there(string kernel, int major)
    {
        string ptx = compiled.First(kernel, new ComputeCapability(major, 0)).Ptx.Text;
        Assert.False(PtxRounding.MayContract(ptx));
        Assert.DoesNotMatch(FusedOrFast(), ptx);
        // HeatEquation2D.Update: three neighbour additions and the final one, one subtraction, 4u and alpha *.
        // WaveEquation3D.Update: five neighbour additions and the final one, 2u - previous and - 6u, 2u, 6u and c2 *.
        (int add, int sub, int mul) expected = kernel.StartsWith("heat", StringComparison.Ordinal) ? (4, 1, 2) : (6, 2, 3);
        Assert.Equal(expected, (Count(ptx, "add.rn.f32"), Count(ptx, "sub.rn.f32"), Count(ptx, "mul.rn.f32")));
    }

    [Fact]
    public void A_second_request_reads_the_cache_and_each_architecture_has_a_file_of_its_own()
    {
        foreach (string kernel in StencilKernelPtx.Kernels.Keys)
        {
            foreach (ComputeCapability capability in StencilKernelPtx.Capabilities)
                compiled.First(kernel, capability);
        }

        using var again = new CSharpKernelCompiler(compiled.Cache);
        foreach ((string kernel, MethodInfo method) in StencilKernelPtx.Kernels)
        {
            foreach (ComputeCapability capability in StencilKernelPtx.Capabilities)
            {
                CompiledPtx ptx = again.Compile(method, capability, out bool hit);
                Assert.True(hit, $"{kernel} for {capability} was compiled again");
                Assert.Equal(compiled.First(kernel, capability).Ptx.Image, ptx.Image);
            }
        }

        Assert.Equal(StencilKernelPtx.Kernels.Count * StencilKernelPtx.Capabilities.Count, Directory.GetFiles(compiled.Cache.Directory, "*.ptx").Length);
    }

    [Fact]
    public void The_key_names_the_kernel_and_the_architecture()
    {
        MethodInfo heat = StencilKernelPtx.Kernels["heat.Step"];
        string key = CSharpKernelCompiler.Key(heat, new ComputeCapability(8, 0));
        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.Equal(key, CSharpKernelCompiler.Key(heat, new ComputeCapability(8, 0)));
        Assert.NotEqual(key, CSharpKernelCompiler.Key(heat, new ComputeCapability(9, 0)));
        Assert.NotEqual(key, CSharpKernelCompiler.Key(StencilKernelPtx.Kernels["heat.SharedStep"], new ComputeCapability(8, 0)));
    }

    [Fact]
    public void A_method_ilgpu_cannot_compile_fails_with_its_name_and_an_old_architecture_is_refused()
    {
        using var compiler = new CSharpKernelCompiler(compiled.Cache);
        MethodInfo allocates = typeof(CSharpKernelPtxTests).GetMethod(nameof(AllocatesAnObject), BindingFlags.NonPublic | BindingFlags.Static)!;
        var error = Assert.Throws<InvalidOperationException>(() => compiler.Compile(allocates, new ComputeCapability(8, 0), out _));
        Assert.Contains($"{nameof(CSharpKernelPtxTests)}.{nameof(AllocatesAnObject)}", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => compiler.Compile(allocates, new ComputeCapability(6, 1), out _));
    }

    private static void AllocatesAnObject(ArrayView<int> values) => values[0] = new object().GetHashCode();

    private static int Count(string ptx, string opcode) => Regex.Count(ptx, $@"^\s*(?:@!?%\w+\s+)?{Regex.Escape(opcode)}\s", RegexOptions.Multiline);

    // A fused or contracted float operation, flush to zero or an approximation (ILGPU's fast math modes).
    [GeneratedRegex(@"^\s*(?:@!?%\w+\s+)?(?:(?:fma|mad)\.[\w.]*f(?:16|32|64)\b|\S*\.(?:ftz|approx)\b)", RegexOptions.Multiline)]
    private static partial Regex FusedOrFast();
}
