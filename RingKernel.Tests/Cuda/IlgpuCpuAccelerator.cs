using ILGPU;
using ILGPU.Runtime.CPU;
using RingKernel.Cuda.Compilation;

namespace RingKernel.Tests.Cuda;

/// <summary>
/// ILGPU's CPU accelerator, in the math mode the CUDA backend compiles C# kernels in: it runs the
/// same methods on host threads (a thread per GPU thread of a group, at most 16 per group), so
/// their results can be compared with the references without a GPU.
/// </summary>
public sealed class IlgpuCpuAccelerator : IDisposable
{
    private readonly Context _context = Context.Create(builder => builder.CPU().Math(CSharpKernelCompiler.FloatMode));

    public IlgpuCpuAccelerator() => Accelerator = _context.CreateCPUAccelerator(0);

    public CPUAccelerator Accelerator { get; }

    public void Dispose()
    {
        Accelerator.Dispose();
        _context.Dispose();
    }
}
