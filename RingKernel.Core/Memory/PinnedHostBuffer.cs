using System.Runtime.InteropServices;

namespace RingKernel.Memory;

/// <summary>
/// Aligned native memory from <see cref="NativeMemory"/>. The GC never moves it, so it can be
/// handed to a device that maps host memory; on the CPU backend its device address is its host address.
/// </summary>
public sealed unsafe class PinnedHostBuffer : DeviceBuffer
{
    private readonly byte* _pointer;

    public PinnedHostBuffer(long length, int alignment = DefaultAlignment)
        : base(MemorySpaceKind.PinnedHost, length)
    {
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "Alignment must be a positive power of two.");
        _pointer = (byte*)NativeMemory.AlignedAlloc((nuint)length, (nuint)alignment);
        NativeMemory.Clear(_pointer, (nuint)length);
        GC.AddMemoryPressure(length);
    }

    ~PinnedHostBuffer() => Release();

    public override bool IsHostAccessible => true;

    public override ulong DeviceAddress => (ulong)HostPointer;

    protected override byte* GetHostPointer() => _pointer;

    protected override void Release()
    {
        // The finalizer also runs for a buffer whose constructor threw before allocating.
        if (_pointer == null)
            return;
        NativeMemory.AlignedFree(_pointer);
        GC.RemoveMemoryPressure(Length);
    }
}
