using RingKernel.Kernels;
using RingKernel.Memory;

namespace RingKernel.Backends;

/// <summary>A place kernels run: the CPU, or a GPU through Vulkan, CUDA or Metal.</summary>
public interface IComputeBackend
{
    /// <summary>"cpu", "vulkan", "cuda", "metal".</summary>
    string Name { get; }

    /// <summary>True when kernels can run here.</summary>
    bool IsAvailable { get; }

    /// <summary>Why the backend cannot run here; null when <see cref="IsAvailable"/>.</summary>
    string? UnavailableReason { get; }

    /// <summary>Where this backend allocates the buffers its kernels read and write.</summary>
    IMemorySpace MemorySpace { get; }

    /// <summary>
    /// Runs every workgroup of <paramref name="kernel"/>'s grid once and completes when all are
    /// done. A fault in a body completes the task with a <see cref="KernelExecutionException"/>.
    /// Throws <see cref="BackendUnavailableException"/> when the backend cannot run here.
    /// </summary>
    Task DispatchAsync<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, CancellationToken cancellationToken = default);
}
