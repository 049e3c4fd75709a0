using RingKernel.Cuda.Devices;
using RingKernel.Cuda.Interop;
using RingKernel.Memory;

namespace RingKernel.Cuda.Memory;

/// <summary>
/// Page-locked host memory mapped into the device (cuMemHostAlloc, PORTABLE | DEVICEMAP): the host
/// and a running kernel read and write it concurrently, which is what rings and control blocks need.
/// Never managed memory, which the host may not touch while a kernel runs on most devices.
/// </summary>
internal sealed unsafe class CudaPinnedBuffer : DeviceBuffer
{
    private readonly CudaContext _context;
    private readonly byte* _host;

    public CudaPinnedBuffer(CudaContext context, long length)
        : base(MemorySpaceKind.PinnedHost, length)
    {
        _context = context;
        context.MakeCurrent();
        void* host;
        CudaCheck.Driver(CudaDriver.MemHostAlloc(&host, checked((nuint)length), CudaFlags.HostAllocPortableDeviceMap), "cuMemHostAlloc");
        _host = (byte*)host;
        try
        {
            ulong device;
            CudaCheck.Driver(CudaDriver.MemHostGetDevicePointer(&device, host, 0), "cuMemHostGetDevicePointer");
            DeviceAddress = device;
            new Span<byte>(host, checked((int)Math.Min(length, int.MaxValue))).Clear();
            for (long done = int.MaxValue; done < length; done += int.MaxValue)
                new Span<byte>(_host + done, (int)Math.Min(length - done, int.MaxValue)).Clear();
        }
        catch
        {
            CudaDriver.MemFreeHost(host);
            throw;
        }
    }

    public override bool IsHostAccessible => true;

    public override ulong DeviceAddress { get; }

    protected override byte* GetHostPointer() => _host;

    protected override void Release()
    {
        _context.MakeCurrent();
        CudaCheck.Driver(CudaDriver.MemFreeHost(_host), "cuMemFreeHost");
    }
}
