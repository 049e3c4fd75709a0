using RingKernel.Backends;
using RingKernel.Cpu.Dispatch;
using RingKernel.Cpu.Workgroups;
using RingKernel.Kernels;
using RingKernel.Memory;

namespace RingKernel.Cpu;

/// <summary>
/// Runs kernels on the processor: each workgroup on one OS thread, its GPU threads as coroutines
/// that suspend at barriers, workgroups spread over <see cref="WorkerCount"/> cores. It is the
/// reference implementation every behavioural test runs on, so it checks what a GPU would not:
/// barrier divergence, shared-memory bounds and alignment.
/// </summary>
public sealed class CpuBackend : IComputeBackend
{
    private readonly WorkgroupSchedulerPool _pool;

    /// <summary>A backend with one worker per core.</summary>
    public CpuBackend()
        : this(Environment.ProcessorCount)
    {
    }

    /// <summary>A backend that runs at most <paramref name="workerCount"/> workgroups at once.</summary>
    public CpuBackend(int workerCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workerCount);
        WorkerCount = workerCount;
        _pool = new WorkgroupSchedulerPool(2 * workerCount);
    }

    public string Name => "cpu";

    public bool IsAvailable => true;

    public string? UnavailableReason => null;

    public IMemorySpace MemorySpace => HostMemorySpace.Instance;

    /// <summary>Threads that run workgroups in one dispatch, the dispatching thread among them.</summary>
    public int WorkerCount { get; }

    /// <summary>
    /// Runs every workgroup of <paramref name="kernel"/>'s grid and returns when all are done; a
    /// fault in a body is thrown as a <see cref="KernelExecutionException"/> naming where it happened.
    /// Cancellation is checked between workgroups.
    /// </summary>
    public void Dispatch<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, CancellationToken cancellationToken = default)
    {
        Validate(kernel);
        GridDispatch<TArgs>.Run(kernel, args, _pool, WorkerCount, cancellationToken);
    }

    /// <summary>Runs <see cref="Dispatch{TArgs}"/> on the thread pool; argument errors are thrown at once.</summary>
    public Task DispatchAsync<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, CancellationToken cancellationToken = default)
    {
        Validate(kernel);
        return Task.Run(() => GridDispatch<TArgs>.Run(kernel, args, _pool, WorkerCount, cancellationToken), cancellationToken);
    }

    private static void Validate<TArgs>(KernelDefinition<TArgs> kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (kernel.CpuThreadBody is null && kernel.CpuWorkgroupBody is null)
            throw new ArgumentException($"Kernel '{kernel.Name}' has no CPU body: give it a CpuThreadBody or a CpuWorkgroupBody.", nameof(kernel));
        if (kernel.Options.HasRings)
            throw new ArgumentException($"Kernel '{kernel.Name}' declares rings ({kernel.Options}); a one-shot dispatch has no rings to give it.", nameof(kernel));
    }
}
