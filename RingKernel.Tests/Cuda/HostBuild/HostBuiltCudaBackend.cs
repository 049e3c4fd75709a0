using System.Collections.Concurrent;
using RingKernel.Backends;
using RingKernel.Cuda.Kernels;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Memory;

namespace RingKernel.Tests.Cuda.HostBuild;

/// <summary>
/// The CUDA backend's ring kernels without a GPU: a kernel's CUDA body (its device code, built for the
/// host by <see cref="HostBuiltRingKernelPrograms"/>) runs as a process of its own over a shared file
/// that stands in for pinned, device-mapped memory, its parameters bound by the body's own binder.
/// Everything but the launch is the backend's: the K2K binding, the doorbell, the lifecycle.
/// </summary>
internal sealed class HostBuiltCudaBackend : IRingKernelBackend, IDisposable
{
    private readonly ConcurrentQueue<IHostBuiltKernel> _kernels = new();
    private readonly SharedFileMemory _memory = new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ringkernel-host-cuda-{Guid.NewGuid():N}"), 64 << 20);

    public string Name => "cuda (device code built for the host)";

    public bool IsAvailable => UnavailableReason is null;

    public string? UnavailableReason => HostBuiltRingKernelPrograms.UnavailableReason;

    public IMemorySpace MemorySpace => _memory;

    internal SharedFileMemory SharedMemory => _memory;

    public Task DispatchAsync<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The host build runs ring kernels only.");

    public IRingKernel CreateRingKernel<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, RingKernelMemory memory)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(memory);
        if (!kernel.TryGetBody(out CudaKernelBody<TArgs>? body))
            throw new ArgumentException($"Kernel '{kernel.Name}' has no CUDA body.", nameof(kernel));
        if (kernel.Options.WorkgroupCount != 1)
            throw new ArgumentException($"Ring kernel '{kernel.Name}' has a grid of {kernel.Options.Grid}; a ring kernel runs as one workgroup (one block).", nameof(kernel));
        var created = new HostBuiltRingKernel<TArgs>(this, kernel, body, args, memory);
        _kernels.Enqueue(created);
        return created;
    }

    /// <summary>Stops what a failed test left running before the shared file goes: its processes and their doorbell threads read it.</summary>
    public void Dispose()
    {
        foreach (IHostBuiltKernel kernel in _kernels)
            kernel.Stop();
        _memory.Dispose();
    }
}

/// <summary>A host-built kernel as its backend stops it.</summary>
internal interface IHostBuiltKernel
{
    /// <summary>Kills the kernel's process if it still runs and waits for its doorbell thread.</summary>
    void Stop();
}
