namespace RingKernel.Memory;

/// <summary>Allocates buffers of one kind; each backend implements the spaces it supports.</summary>
public interface IMemorySpace
{
    MemorySpaceKind Kind { get; }

    /// <summary>Allocates <paramref name="length"/> zeroed bytes aligned to <paramref name="alignment"/> (a power of two).</summary>
    DeviceBuffer Allocate(long length, int alignment = DeviceBuffer.DefaultAlignment);
}
