using RingKernel.Backends;
using RingKernel.Cuda.Devices;
using RingKernel.Memory;

namespace RingKernel.Cuda.Memory;

/// <summary>
/// Allocates <see cref="MemorySpaceKind.PinnedHost"/> (mapped, for rings and control blocks) or
/// <see cref="MemorySpaceKind.Device"/> buffers (grids, inboxes) of one CUDA context. Without a
/// usable device it throws <see cref="BackendUnavailableException"/> with the reason.
/// </summary>
public sealed class CudaMemorySpace : IMemorySpace
{
    /// <summary>Host allocations are page-aligned, device ones 256-byte aligned; more is not offered.</summary>
    private const int MaxAlignment = 256;

    private readonly CudaContext? _context;
    private readonly string? _unavailableReason;

    internal CudaMemorySpace(MemorySpaceKind kind, CudaContext context)
    {
        Kind = kind;
        _context = context;
    }

    internal CudaMemorySpace(MemorySpaceKind kind, string unavailableReason)
    {
        Kind = kind;
        _unavailableReason = unavailableReason;
    }

    public MemorySpaceKind Kind { get; }

    public DeviceBuffer Allocate(long length, int alignment = DeviceBuffer.DefaultAlignment)
    {
        if (_context is null)
            throw new BackendUnavailableException(CudaBackend.BackendName, _unavailableReason!);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0 || alignment > MaxAlignment)
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, $"CUDA allocations are aligned to a power of two up to {MaxAlignment} bytes.");
        return Kind == MemorySpaceKind.Device
            ? new CudaDeviceBuffer(_context, length)
            : new CudaPinnedBuffer(_context, length);
    }
}
