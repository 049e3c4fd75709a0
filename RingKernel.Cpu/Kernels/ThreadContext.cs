using System.Runtime.CompilerServices;
using RingKernel.Kernels;

namespace RingKernel.Cpu.Kernels;

/// <summary>
/// What one GPU thread of a running kernel sees in a CPU body: its ids within the workgroup and
/// the grid, the extents, the workgroup's shared memory and the barrier. A backend reuses one
/// object per thread slot across workgroups, so a body must not keep it after it finishes.
/// </summary>
/// <remarks>
/// Linear indices are row-major (X varies fastest). <see cref="GlobalIndex"/> linearises
/// <see cref="GlobalId"/> over the whole grid, so in one dimension it is
/// <c>WorkgroupIndex * ThreadCount + ThreadIndex</c>, as in CUDA's
/// <c>blockIdx.x * blockDim.x + threadIdx.x</c>. Atomics are in <see cref="KernelAtomics"/>.
/// </remarks>
public sealed class ThreadContext
{
    internal ThreadContext(WorkgroupContext workgroup, int threadIndex)
    {
        Workgroup = workgroup;
        ThreadIndex = threadIndex;
    }

    /// <summary>The workgroup this thread belongs to.</summary>
    public WorkgroupContext Workgroup { get; }

    /// <summary>This thread's coordinates within its workgroup.</summary>
    public Index3 ThreadId { get; private set; }

    /// <summary>The row-major linear index of <see cref="ThreadId"/>: 0 to <see cref="ThreadCount"/> - 1.</summary>
    public int ThreadIndex { get; }

    /// <summary>This thread's coordinates in the whole grid: <c>WorkgroupId * WorkgroupSize + ThreadId</c> per axis.</summary>
    /// <remarks>
    /// Computed on read from the workgroup's first global id rather than stored when the workgroup
    /// starts: setting it for every thread of every workgroup cost about a tenth of a small
    /// per-thread kernel's time, and most bodies read it once.
    /// </remarks>
    public Index3 GlobalId
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            Index3 origin = Workgroup.FirstGlobalId;
            Index3 local = ThreadId;
            return new Index3(origin.X + local.X, origin.Y + local.Y, origin.Z + local.Z);
        }
    }

    /// <summary>The row-major linear index of <see cref="GlobalId"/> in <see cref="GlobalSize"/>.</summary>
    public int GlobalIndex => Workgroup.GlobalSize.Linearize(GlobalId);

    public Index3 WorkgroupId => Workgroup.WorkgroupId;

    public int WorkgroupIndex => Workgroup.WorkgroupIndex;

    public Dim3 WorkgroupSize => Workgroup.WorkgroupSize;

    public Dim3 GridSize => Workgroup.GridSize;

    public Dim3 GlobalSize => Workgroup.GlobalSize;

    /// <summary>Threads in this thread's workgroup.</summary>
    public int ThreadCount => Workgroup.ThreadCount;

    /// <inheritdoc cref="WorkgroupContext.RingKernel"/>
    public RingKernelContext RingKernel => Workgroup.RingKernel;

    /// <summary>The whole shared memory of this thread's workgroup.</summary>
    public Span<byte> SharedMemory => Workgroup.SharedMemory;

    /// <inheritdoc cref="WorkgroupContext.Shared{T}(int, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Shared<T>(int byteOffset, int count) where T : unmanaged => Workgroup.Shared<T>(byteOffset, count);

    /// <summary>
    /// A workgroup barrier: <c>yield return thread.Barrier();</c> in an iterator body, <c>await
    /// thread.Barrier();</c> in a <see cref="ThreadCoroutine"/> body, waits until every thread of
    /// the workgroup has reached it.
    /// </summary>
    public ThreadBarrier Barrier() => new(this, null);

    /// <summary>A barrier named for diagnostics: <c>yield return thread.Barrier("after-load");</c> or <c>await thread.Barrier("after-load");</c>.</summary>
    public ThreadBarrier Barrier(string name) => new(this, name);

    /// <summary>True while the scheduler unwinds the waiting coroutines of a failed workgroup: their barriers throw.</summary>
    internal bool IsAbandoned { get; set; }

    /// <summary>True while an ordinary async method that awaited this thread's barrier is resumed, so that the barrier throws.</summary>
    internal bool IsAwaitedOutsideCoroutine { get; set; }

    /// <summary>The name of the barrier this thread's <see cref="ThreadCoroutine"/> body last awaited (null when unnamed), for divergence reports.</summary>
    internal string? CoroutineBarrierName { get; private set; }

    /// <summary>The first of this slot's coroutine boxes, one per body type, linked through <see cref="ThreadCoroutineBox.Next"/>.</summary>
    internal ThreadCoroutineBox? CoroutineBoxes { get; private set; }

    /// <summary>Sets the thread's coordinates for the workgroup extents of the kernel being bound.</summary>
    internal void Bind(Dim3 workgroupSize) => ThreadId = workgroupSize.Delinearize(ThreadIndex);

    /// <summary>Notes the barrier a coroutine body awaits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void NoteCoroutineBarrier(string? name)
    {
        // Compared first: it is usually the name noted for the previous workgroup, and a reference
        // store into this long-lived object costs a GC write barrier.
        if (!ReferenceEquals(CoroutineBarrierName, name))
            CoroutineBarrierName = name;
    }

    /// <summary>True when one of this slot's boxes holds a coroutine that has not finished: a thread runs one at a time.</summary>
    internal bool HasCoroutineInUse()
    {
        for (ThreadCoroutineBox? box = CoroutineBoxes; box is not null; box = box.Next)
        {
            if (box.InUse)
                return true;
        }

        return false;
    }

    /// <summary>This slot's box for bodies of state machine type <typeparamref name="TStateMachine"/>, created on first use.</summary>
    internal ThreadCoroutineBox<TStateMachine> CoroutineBox<TStateMachine>()
        where TStateMachine : IAsyncStateMachine
    {
        for (ThreadCoroutineBox? box = CoroutineBoxes; box is not null; box = box.Next)
        {
            if (box is ThreadCoroutineBox<TStateMachine> typed)
                return typed;
        }

        var created = new ThreadCoroutineBox<TStateMachine> { Next = CoroutineBoxes };
        CoroutineBoxes = created;
        return created;
    }
}
