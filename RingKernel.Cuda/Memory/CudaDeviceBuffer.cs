using RingKernel.Cuda.Devices;
using RingKernel.Cuda.Interop;
using RingKernel.Memory;

namespace RingKernel.Cuda.Memory;

/// <summary>Device memory (cuMemAlloc, 256-byte aligned): grids and K2K inboxes; the host reaches it through copies.</summary>
internal sealed unsafe class CudaDeviceBuffer : DeviceBuffer
{
    private readonly CudaContext _context;

    public CudaDeviceBuffer(CudaContext context, long length)
        : base(MemorySpaceKind.Device, length)
    {
        _context = context;
        context.MakeCurrent();
        ulong address;
        CudaCheck.Driver(CudaDriver.MemAlloc(&address, checked((nuint)length)), "cuMemAlloc");
        try
        {
            CudaCheck.Driver(CudaDriver.MemsetD8(address, 0, (nuint)length), "cuMemsetD8");
        }
        catch
        {
            CudaDriver.MemFree(address);
            throw;
        }

        DeviceAddress = address;
    }

    public override bool IsHostAccessible => false;

    public override ulong DeviceAddress { get; }

    /// <summary>Copies <paramref name="source"/> to byte <paramref name="offset"/> (synchronous).</summary>
    public void Upload<T>(ReadOnlySpan<T> source, long offset = 0) where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        long bytes = (long)source.Length * sizeof(T);
        CheckRange(offset, bytes);
        _context.MakeCurrent();
        fixed (T* pointer = source)
            CudaCheck.Driver(CudaDriver.MemcpyHtoD(DeviceAddress + (ulong)offset, pointer, (nuint)bytes), "cuMemcpyHtoD");
    }

    /// <summary>Copies from byte <paramref name="offset"/> into <paramref name="destination"/> (synchronous).</summary>
    public void Download<T>(Span<T> destination, long offset = 0) where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        long bytes = (long)destination.Length * sizeof(T);
        CheckRange(offset, bytes);
        _context.MakeCurrent();
        fixed (T* pointer = destination)
            CudaCheck.Driver(CudaDriver.MemcpyDtoH(pointer, DeviceAddress + (ulong)offset, (nuint)bytes), "cuMemcpyDtoH");
    }

    protected override byte* GetHostPointer() => throw new InvalidOperationException("Device memory has no host address.");

    protected override void Release()
    {
        _context.MakeCurrent();
        CudaCheck.Driver(CudaDriver.MemFree(DeviceAddress), "cuMemFree");
    }

    private void CheckRange(long offset, long bytes)
    {
        if (offset < 0 || bytes < 0 || offset > Length - bytes)
            throw new ArgumentOutOfRangeException(nameof(offset), $"Range [{offset}, {offset + bytes}) is outside the device buffer of {Length} bytes.");
    }
}
