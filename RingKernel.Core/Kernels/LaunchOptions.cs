using System.Numerics;
using RingKernel.Layouts;

namespace RingKernel.Kernels;

/// <summary>
/// How a kernel is launched: grid and workgroup extents, workgroup shared memory and, for ring
/// kernels, the capacities of the input and output rings and their slot size. Every value is
/// checked when it is set, so an invalid launch fails where it is described, not on the device.
/// </summary>
public sealed class LaunchOptions
{
    /// <summary>The most threads a workgroup may have: the limit CUDA, Vulkan and Metal devices share.</summary>
    public const int MaxWorkgroupThreads = 1024;

    /// <summary>The largest Z extent of a workgroup (CUDA's and most Vulkan devices' limit).</summary>
    public const int MaxWorkgroupZ = 64;

    /// <summary>The most shared memory a workgroup may ask for: what CUDA gives without an opt-in (a backend may allow less).</summary>
    public const int MaxSharedMemoryBytes = 48 * 1024;

    /// <summary>The most slots a ring may have.</summary>
    public const int MaxRingCapacity = 1 << 30;

    /// <summary>Slots hold a <see cref="MessageHeader"/> and payload and are whole cache lines, so neighbouring slots never share one.</summary>
    public const int SlotAlignment = 64;

    /// <summary>The largest ring slot.</summary>
    public const int MaxMessageSlotBytes = 1 << 20;

    private readonly int _sharedMemoryBytes;
    private readonly int _inputRingCapacity;
    private readonly int _outputRingCapacity;
    private readonly int _messageSlotBytes = 256;

    public LaunchOptions(Dim3 grid, Dim3 workgroup)
    {
        if (grid.Count == 0)
            throw new ArgumentException("The grid size is default(Dim3); give every extent a value of at least 1.", nameof(grid));
        if (workgroup.Count == 0)
            throw new ArgumentException("The workgroup size is default(Dim3); give every extent a value of at least 1.", nameof(workgroup));
        if (workgroup.Count > MaxWorkgroupThreads)
            throw new ArgumentException($"A workgroup of {workgroup} has {workgroup.Count} threads; at most {MaxWorkgroupThreads} are allowed.", nameof(workgroup));
        if (workgroup.Z > MaxWorkgroupZ)
            throw new ArgumentException($"A workgroup of {workgroup} has a Z extent of {workgroup.Z}; at most {MaxWorkgroupZ} is allowed.", nameof(workgroup));
        if (grid.Count * workgroup.Count > int.MaxValue)
            throw new ArgumentException($"A grid of {grid} workgroups of {workgroup} threads has {grid.Count * workgroup.Count} threads; at most {int.MaxValue} are allowed, so a global index fits an int.", nameof(grid));
        Grid = grid;
        Workgroup = workgroup;
        // Each axis is at most the total, which fits an int.
        GlobalSize = new Dim3(grid.X * workgroup.X, grid.Y * workgroup.Y, grid.Z * workgroup.Z);
    }

    /// <summary>The number of workgroups along each axis.</summary>
    public Dim3 Grid { get; }

    /// <summary>The number of threads along each axis of one workgroup.</summary>
    public Dim3 Workgroup { get; }

    /// <summary>The number of threads along each axis of the whole grid (<see cref="Grid"/> times <see cref="Workgroup"/>).</summary>
    public Dim3 GlobalSize { get; }

    public int WorkgroupCount => (int)Grid.Count;

    public int ThreadsPerWorkgroup => (int)Workgroup.Count;

    public int TotalThreads => WorkgroupCount * ThreadsPerWorkgroup;

    /// <summary>Bytes of memory each workgroup shares among its threads; 0 to <see cref="MaxSharedMemoryBytes"/>.</summary>
    public int SharedMemoryBytes
    {
        get => _sharedMemoryBytes;
        init
        {
            if (value < 0 || value > MaxSharedMemoryBytes)
                throw new ArgumentOutOfRangeException(nameof(SharedMemoryBytes), value, $"Shared memory must be between 0 and {MaxSharedMemoryBytes} bytes.");
            _sharedMemoryBytes = value;
        }
    }

    /// <summary>Slots in a ring kernel's input ring: 0 for none, else a power of two up to <see cref="MaxRingCapacity"/>.</summary>
    public int InputRingCapacity
    {
        get => _inputRingCapacity;
        init => _inputRingCapacity = CheckRingCapacity(value, nameof(InputRingCapacity));
    }

    /// <summary>Slots in a ring kernel's output ring: 0 for none, else a power of two up to <see cref="MaxRingCapacity"/>.</summary>
    public int OutputRingCapacity
    {
        get => _outputRingCapacity;
        init => _outputRingCapacity = CheckRingCapacity(value, nameof(OutputRingCapacity));
    }

    /// <summary>Bytes per ring slot, header included: a multiple of <see cref="SlotAlignment"/>, at least one header, 256 unless set.</summary>
    public int MessageSlotBytes
    {
        get => _messageSlotBytes;
        init
        {
            if (value < MessageHeader.Size || value > MaxMessageSlotBytes || value % SlotAlignment != 0)
                throw new ArgumentOutOfRangeException(nameof(MessageSlotBytes), value, $"A message slot must be a multiple of {SlotAlignment} bytes between {MessageHeader.Size} (one header) and {MaxMessageSlotBytes}.");
            _messageSlotBytes = value;
        }
    }

    /// <summary>True when the kernel declares an input or an output ring, that is, when it is a ring kernel.</summary>
    public bool HasRings => _inputRingCapacity != 0 || _outputRingCapacity != 0;

    public override string ToString() =>
        $"grid {Grid} x workgroup {Workgroup}, {SharedMemoryBytes} B shared" +
        (HasRings ? $", rings in {InputRingCapacity} / out {OutputRingCapacity} x {MessageSlotBytes} B" : "");

    private static int CheckRingCapacity(int value, string name)
    {
        if (value != 0 && (value < 0 || value > MaxRingCapacity || !BitOperations.IsPow2(value)))
            throw new ArgumentOutOfRangeException(name, value, $"A ring capacity must be 0 (no ring) or a power of two up to {MaxRingCapacity}.");
        return value;
    }
}
