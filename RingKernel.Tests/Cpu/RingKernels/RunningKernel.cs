using RingKernel.Kernels.Persistent;

namespace RingKernel.Tests.Cpu.RingKernels;

/// <summary>A test's kernel and the memory it runs over, disposed in that order (the kernel's thread stops before its memory is freed).</summary>
public sealed class RunningKernel(IRingKernel kernel, RingKernelMemory memory) : IAsyncDisposable
{
    public IRingKernel Kernel { get; } = kernel;

    public RingKernelMemory Memory { get; } = memory;

    public async ValueTask DisposeAsync()
    {
        await Kernel.DisposeAsync();
        Memory.Dispose();
    }
}
