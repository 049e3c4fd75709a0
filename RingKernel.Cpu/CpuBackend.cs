using RingKernel.Cpu.Dispatch;
using RingKernel.Cpu.Kernels;
using RingKernel.Cpu.RingKernels;
using RingKernel.Cpu.Stencils;
using RingKernel.Cpu.Workgroups;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Memory;
using RingKernel.Stencils.Halo;
using RingKernel.Telemetry;

namespace RingKernel.Cpu;

/// <summary>
/// Runs kernels on the processor: each workgroup on one OS thread, its GPU threads as coroutines
/// that suspend at barriers, workgroups spread over <see cref="WorkerCount"/> cores. It is the
/// reference implementation every behavioural test runs on, so it checks what a GPU would not:
/// barrier divergence, shared-memory bounds and alignment.
/// </summary>
public sealed class CpuBackend : ITiledStencilBackend
{
    private readonly WorkgroupSchedulerPool _pool;
    private readonly CooperativeKernelWorkers _ringKernelWorkers;

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
        _ringKernelWorkers = new CooperativeKernelWorkers(workerCount);
    }

    public string Name => "cpu";

    public bool IsAvailable => true;

    public string? UnavailableReason => null;

    public IMemorySpace MemorySpace => HostMemorySpace.Instance;

    /// <summary>Threads that run workgroups in one dispatch, the dispatching thread among them; also the number of workers that run cooperative ring kernels.</summary>
    public int WorkerCount { get; }

    /// <summary>
    /// How ring kernels with a resumable body (<see cref="CpuKernelBody{TArgs}.Resumable"/>) run: as
    /// coroutines on <see cref="WorkerCount"/> shared workers (the default), or each on its own thread.
    /// </summary>
    public CpuRingKernelScheduling RingKernelScheduling { get; init; }

    /// <summary>
    /// The tile kernel of the <see cref="TiledStencilEngine"/> on the CPU: resumable, so tiles waiting
    /// for a neighbour's halo hold no worker (with <see cref="CpuRingKernelScheduling.Cooperative"/>).
    /// </summary>
    public KernelDefinition<TileGroup> TileKernel => CpuTileKernel.Definition;

    /// <summary>Each tile alone: a kernel actor per tile, its kernel a coroutine on the workers.</summary>
    public IReadOnlyList<TileGroup> GroupTiles(IReadOnlyList<StencilTile> tiles) => tiles;

    /// <summary>
    /// Runs every workgroup of <paramref name="kernel"/>'s grid with its <see cref="CpuKernelBody{TArgs}"/>
    /// and returns when all are done; a fault in a body is thrown as a <see cref="KernelExecutionException"/>
    /// naming where it happened. Cancellation is checked between workgroups.
    /// </summary>
    public void Dispatch<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, CancellationToken cancellationToken = default)
    {
        CpuKernelBody<TArgs> body = DispatchBody(kernel);
        using KernelDispatchTiming timing = KernelDispatchTiming.Start(kernel.Name, Name);
        GridDispatch<TArgs>.Run(kernel, body, args, _pool, WorkerCount, cancellationToken);
    }

    /// <summary>Runs <see cref="Dispatch{TArgs}"/> on the thread pool; argument errors are thrown at once.</summary>
    public Task DispatchAsync<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, CancellationToken cancellationToken = default)
    {
        DispatchBody(kernel);
        return Task.Run(() => Dispatch(kernel, args, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// A persistent ring kernel over <paramref name="memory"/>, in state Created: <see cref="IRingKernel.Launch"/>
    /// starts it. Its grid must be one workgroup (the input ring has one consumer); the body is
    /// <see cref="CpuKernelBody{TArgs}.Resumable"/> when given (run as
    /// <see cref="RingKernelScheduling"/> says), else <see cref="CpuKernelBody{TArgs}.Message"/>,
    /// else the thread or workgroup body, which loops over <see cref="RingKernelContext.Receive"/>;
    /// those three each get a thread of their own.
    /// </summary>
    public IRingKernel CreateRingKernel<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, RingKernelMemory memory) =>
        Create(kernel, args, memory, null);

    /// <summary>
    /// <see cref="CreateRingKernel{TArgs}(KernelDefinition{TArgs}, TArgs, RingKernelMemory)"/>; a
    /// cooperative kernel joins the worker that runs its contiguous run of <paramref name="placement"/>'s
    /// numbering (one run per worker), so kernels that message each other most share a core's caches.
    /// </summary>
    public IRingKernel CreateRingKernel<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, RingKernelMemory memory, RingKernelPlacement placement) =>
        Create(kernel, args, memory, placement);

    private CpuRingKernel<TArgs> Create<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, RingKernelMemory memory, RingKernelPlacement? placement)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(memory);
        LaunchOptions options = kernel.Options;
        if (!kernel.TryGetBody(out CpuKernelBody<TArgs>? body) || (body.Resumable is null && body.Message is null && !body.HasThreadOrWorkgroupBody))
            throw new ArgumentException($"Kernel '{kernel.Name}' has no CPU body: give it one with WithCpuResumable, WithCpuMessage, WithCpuThread, WithCpuCoroutine or WithCpuWorkgroup.", nameof(kernel));
        if (options.WorkgroupCount != 1)
            throw new ArgumentException($"Ring kernel '{kernel.Name}' has a grid of {options.Grid}; a ring kernel is one workgroup, the single consumer of its input ring.", nameof(kernel));
        LaunchOptions allocated = memory.Options;
        if (allocated.InputRingCapacity != options.InputRingCapacity || allocated.OutputRingCapacity != options.OutputRingCapacity || allocated.MessageSlotBytes != options.MessageSlotBytes)
            throw new ArgumentException($"The memory was allocated for {allocated}, not for kernel '{kernel.Name}' ({options}).", nameof(memory));
        return new CpuRingKernel<TArgs>(kernel, body, args, memory, RingKernelScheduling == CpuRingKernelScheduling.Cooperative ? _ringKernelWorkers : null, placement);
    }

    /// <summary>The CPU body a one-shot dispatch of <paramref name="kernel"/> runs; throws when it has none or the kernel declares rings.</summary>
    private static CpuKernelBody<TArgs> DispatchBody<TArgs>(KernelDefinition<TArgs> kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (!kernel.TryGetBody(out CpuKernelBody<TArgs>? body) || !body.HasThreadOrWorkgroupBody)
            throw new ArgumentException($"Kernel '{kernel.Name}' has no CPU body: give it one with WithCpuThread, WithCpuCoroutine or WithCpuWorkgroup.", nameof(kernel));
        if (kernel.Options.HasRings)
            throw new ArgumentException($"Kernel '{kernel.Name}' declares rings ({kernel.Options}); a one-shot dispatch has no rings to give it.", nameof(kernel));
        return body;
    }
}
