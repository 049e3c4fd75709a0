using System.Text;
using RingKernel.Cuda.Compilation;
using RingKernel.Cuda.Interop;

namespace RingKernel.Cuda.Devices;

/// <summary>One CUDA device and the properties this backend depends on.</summary>
public sealed class CudaDevice
{
    private CudaDevice(int ordinal, int handle)
    {
        Ordinal = ordinal;
        Handle = handle;
        Name = ReadName(handle);
        ComputeCapability = new ComputeCapability(Attribute(CudaDeviceAttribute.ComputeCapabilityMajor), Attribute(CudaDeviceAttribute.ComputeCapabilityMinor));
        MultiprocessorCount = Attribute(CudaDeviceAttribute.MultiprocessorCount);
        CanMapHostMemory = Attribute(CudaDeviceAttribute.CanMapHostMemory) != 0;
        UnifiedAddressing = Attribute(CudaDeviceAttribute.UnifiedAddressing) != 0;
        CooperativeLaunch = Attribute(CudaDeviceAttribute.CooperativeLaunch) != 0;
        StreamMemoryOperations = Attribute(CudaDeviceAttribute.CanUse64BitStreamMemOps) != 0;
        MemoryClockKHz = Attribute(CudaDeviceAttribute.MemoryClockRate);
        MemoryBusWidthBits = Attribute(CudaDeviceAttribute.GlobalMemoryBusWidth);
    }

    public int Ordinal { get; }

    /// <summary>The CUdevice.</summary>
    internal int Handle { get; }

    public string Name { get; }

    public ComputeCapability ComputeCapability { get; }

    public int MultiprocessorCount { get; }

    /// <summary>Whether pinned host memory can be mapped into the device (rings need it).</summary>
    public bool CanMapHostMemory { get; }

    /// <summary>Whether host and device share one address space (a mapped host pointer is its device pointer).</summary>
    public bool UnifiedAddressing { get; }

    public bool CooperativeLaunch { get; }

    /// <summary>Whether cuStreamWaitValue64/cuStreamWriteValue64 work (timeline signals on streams).</summary>
    public bool StreamMemoryOperations { get; }

    public int MemoryClockKHz { get; }

    public int MemoryBusWidthBits { get; }

    /// <summary>Initialises the driver and opens device <paramref name="ordinal"/>.</summary>
    /// <exception cref="CudaException">The driver failed (no device: CUDA_ERROR_NO_DEVICE).</exception>
    /// <exception cref="ArgumentOutOfRangeException">There is no device with that ordinal.</exception>
    internal static unsafe CudaDevice Open(int ordinal)
    {
        CudaCheck.Driver(CudaDriver.Init(0), "cuInit");
        int count;
        CudaCheck.Driver(CudaDriver.DeviceGetCount(&count), "cuDeviceGetCount");
        if ((uint)ordinal >= (uint)count)
            throw new ArgumentOutOfRangeException(nameof(ordinal), ordinal, $"The driver reports {count} CUDA device(s).");
        int handle;
        CudaCheck.Driver(CudaDriver.DeviceGet(&handle, ordinal), "cuDeviceGet");
        return new CudaDevice(ordinal, handle);
    }

    public override string ToString() => $"{Name} (CUDA device {Ordinal}, compute capability {ComputeCapability}, {MultiprocessorCount} SMs)";

    private unsafe int Attribute(CudaDeviceAttribute attribute)
    {
        int value;
        CudaCheck.Driver(CudaDriver.DeviceGetAttribute(&value, attribute, Handle), $"cuDeviceGetAttribute({attribute})");
        return value;
    }

    private static unsafe string ReadName(int handle)
    {
        byte* name = stackalloc byte[256];
        CudaCheck.Driver(CudaDriver.DeviceGetName(name, 256, handle), "cuDeviceGetName");
        return Encoding.UTF8.GetString(name, new ReadOnlySpan<byte>(name, 256).IndexOf((byte)0));
    }
}
