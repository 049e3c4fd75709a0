using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RingKernel.Kernels;

namespace RingKernel.Cpu.Kernels;

/// <summary>
/// What one workgroup of a running kernel sees: its id, the extents of grid and workgroup, and
/// the workgroup's shared memory. A backend reuses one object for many workgroups in turn, so a
/// body must not keep it after it returns.
/// </summary>
/// <remarks>
/// Shared memory starts zeroed for every workgroup on the CPU backend. A GPU leaves it undefined,
/// so a portable kernel writes before it reads.
/// </remarks>
public sealed class WorkgroupContext
{
    private byte[] _sharedMemory = [];
    private int _sharedMemoryBytes;
    private RingKernelContext? _ringKernel;

    internal WorkgroupContext()
    {
    }

    /// <summary>The kernel being run.</summary>
    public KernelDefinition Kernel { get; private set; } = null!;

    /// <summary>The number of workgroups along each axis.</summary>
    public Dim3 GridSize { get; private set; }

    /// <summary>The number of threads along each axis of this workgroup.</summary>
    public Dim3 WorkgroupSize { get; private set; }

    /// <summary>The number of threads along each axis of the whole grid.</summary>
    public Dim3 GlobalSize { get; private set; }

    /// <summary>Threads in this workgroup.</summary>
    public int ThreadCount { get; private set; }

    public Index3 WorkgroupId { get; private set; }

    /// <summary>The row-major linear index of <see cref="WorkgroupId"/> in the grid.</summary>
    public int WorkgroupIndex { get; private set; }

    /// <summary>The global id of this workgroup's thread (0, 0, 0): <c>WorkgroupId * WorkgroupSize</c> per axis.</summary>
    internal Index3 FirstGlobalId { get; private set; }

    /// <summary>True while the scheduler starts the workgroup's <see cref="ThreadCoroutine"/> bodies: only then may a coroutine move into its slot's box.</summary>
    internal bool IsStartingCoroutines { get; set; }

    /// <summary>The ring kernel this workgroup runs: its message in hand, output and control block.</summary>
    /// <exception cref="InvalidOperationException">The kernel is a one-shot dispatch, not a ring kernel.</exception>
    public RingKernelContext RingKernel =>
        _ringKernel ?? throw new InvalidOperationException($"Kernel '{Kernel.Name}' runs as a one-shot dispatch; only a launched ring kernel has messages.");

    /// <summary>The whole shared memory of this workgroup.</summary>
    public Span<byte> SharedMemory => _sharedMemory.AsSpan(0, _sharedMemoryBytes);

    /// <summary>
    /// <paramref name="count"/> values of <typeparamref name="T"/> in shared memory from byte
    /// <paramref name="byteOffset"/>, which must be aligned for <typeparamref name="T"/> as a GPU requires.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Shared<T>(int byteOffset, int count) where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        if ((uint)byteOffset > (uint)_sharedMemoryBytes
            || (ulong)(uint)count * (uint)size > (ulong)(uint)(_sharedMemoryBytes - byteOffset)
            || (byteOffset & (AlignmentOf(size) - 1)) != 0)
        {
            ThrowBadSharedRange<T>(byteOffset, count);
        }

        ref byte start = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_sharedMemory), byteOffset);
        return MemoryMarshal.CreateSpan(ref Unsafe.As<byte, T>(ref start), count);
    }

    /// <summary>Makes this context ready for workgroups of <paramref name="kernel"/>; grows shared memory as needed.</summary>
    internal void Bind(KernelDefinition kernel)
    {
        LaunchOptions options = kernel.Options;
        Kernel = kernel;
        GridSize = options.Grid;
        WorkgroupSize = options.Workgroup;
        GlobalSize = options.GlobalSize;
        ThreadCount = options.ThreadsPerWorkgroup;
        _sharedMemoryBytes = options.SharedMemoryBytes;
        if (_sharedMemory.Length < _sharedMemoryBytes)
            _sharedMemory = new byte[_sharedMemoryBytes];
    }

    /// <summary>Attaches the ring kernel this context runs, or detaches it (null) before the context is pooled.</summary>
    internal void AttachRingKernel(RingKernelContext? ringKernel) => _ringKernel = ringKernel;

    /// <summary>Starts workgroup <paramref name="workgroupIndex"/>: sets its id and zeroes its shared memory.</summary>
    internal void Enter(int workgroupIndex)
    {
        WorkgroupIndex = workgroupIndex;
        Index3 id = GridSize.Delinearize(workgroupIndex);
        WorkgroupId = id;
        FirstGlobalId = new Index3(id.X * WorkgroupSize.X, id.Y * WorkgroupSize.Y, id.Z * WorkgroupSize.Z);
        SharedMemory.Clear();
    }

    /// <summary>The largest power of two dividing the size, at most 16 (a float4's alignment on a GPU).</summary>
    private static int AlignmentOf(int size) => Math.Min(size & -size, 16);

    private void ThrowBadSharedRange<T>(int byteOffset, int count) =>
        throw new ArgumentOutOfRangeException(
            nameof(byteOffset),
            $"{count} x {typeof(T).Name} at byte {byteOffset} is outside the {_sharedMemoryBytes} bytes of shared memory of kernel '{Kernel.Name}', or not aligned to {AlignmentOf(Unsafe.SizeOf<T>())} bytes.");
}
