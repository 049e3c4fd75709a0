using RingKernel.Memory;

namespace RingKernel.Tests.Hosting;

/// <summary>A buffer of a <see cref="CountingMemorySpace"/>: the inner space's buffer, which tells the space when it is freed.</summary>
internal sealed unsafe class CountingBuffer(DeviceBuffer inner, CountingMemorySpace space) : DeviceBuffer(inner.Kind, inner.Length)
{
    public override bool IsHostAccessible => inner.IsHostAccessible;

    public override ulong DeviceAddress => inner.DeviceAddress;

    protected override byte* GetHostPointer() => inner.HostPointer;

    protected override void Release()
    {
        inner.Dispose();
        space.Freed();
    }
}
