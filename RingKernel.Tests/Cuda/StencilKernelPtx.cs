using System.Reflection;
using RingKernel.Cuda.Compilation;
using RingKernel.Cuda.Stencils;

namespace RingKernel.Tests.Cuda;

/// <summary>
/// The C# stencil kernels compiled to PTX once per test run (into a temporary PTX cache), for the
/// tests that read the PTX; each compilation's cache outcome is kept.
/// </summary>
public sealed class StencilKernelPtx : IDisposable
{
    private readonly Dictionary<(string Kernel, ComputeCapability Capability), (CompiledPtx Ptx, bool CacheHit)> _compiled = [];
    private readonly CSharpKernelCompiler _compiler;

    public StencilKernelPtx()
    {
        Cache = new PtxCache(Directory.CreateTempSubdirectory("ringkernel-ilgpu-ptx-").FullName);
        _compiler = new CSharpKernelCompiler(Cache);
    }

    /// <summary>The kernels by name: "heat.Step", "heat.SharedStep", "wave.Step", "wave.SharedStep".</summary>
    public static IReadOnlyDictionary<string, MethodInfo> Kernels { get; } = new Dictionary<string, MethodInfo>
    {
        ["heat.Step"] = typeof(CudaHeatKernels2D).GetMethod(nameof(CudaHeatKernels2D.Step))!,
        ["heat.SharedStep"] = typeof(CudaHeatKernels2D).GetMethod(nameof(CudaHeatKernels2D.SharedStep))!,
        ["wave.Step"] = typeof(CudaWaveKernels3D).GetMethod(nameof(CudaWaveKernels3D.Step))!,
        ["wave.SharedStep"] = typeof(CudaWaveKernels3D).GetMethod(nameof(CudaWaveKernels3D.SharedStep))!,
    };

    public static IReadOnlyList<ComputeCapability> Capabilities { get; } = [new(8, 0), new(9, 0)];

    public PtxCache Cache { get; }

    /// <summary>The first compilation of <paramref name="kernel"/> for <paramref name="capability"/> in this run, and whether the disk cache held it.</summary>
    internal (CompiledPtx Ptx, bool CacheHit) First(string kernel, ComputeCapability capability)
    {
        lock (_compiled)
        {
            if (!_compiled.TryGetValue((kernel, capability), out (CompiledPtx, bool) first))
            {
                CompiledPtx ptx = _compiler.Compile(Kernels[kernel], capability, out bool hit);
                first = (ptx, hit);
                _compiled.Add((kernel, capability), first);
            }

            return first;
        }
    }

    public void Dispose()
    {
        _compiler.Dispose();
        Directory.Delete(Cache.Directory, recursive: true);
    }
}
