using System.Runtime.InteropServices;
using RingKernel.Commands;
using RingKernel.Cuda.Devices;
using RingKernel.Cuda.Interop;

namespace RingKernel.Cuda.Commands;

/// <summary>
/// Makes timeline signals' value words device-addressable, so streams wait for and raise them with
/// cuStreamWaitValue64 / cuStreamWriteValue64 while host threads read and write the same words. A
/// signal's word is ordinary host memory: its page is pinned and mapped (cuMemHostRegister,
/// DEVICEMAP) once for the backend's lifetime; registrations are page-granular because the driver
/// refuses overlapping ones, and several signals may share a page.
/// </summary>
internal sealed unsafe class MappedSignalMemory(CudaContext context) : IDisposable
{
    private readonly Dictionary<nint, bool> _pages = [];
    private readonly Dictionary<TimelineSignal, (ulong Address, GCHandle Handle)> _signals = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _gate = new();

    /// <summary>The device address of <paramref name="signal"/>'s value word.</summary>
    public ulong AddressOf(TimelineSignal signal) => Entry(signal).Address;

    /// <summary>A handle to <paramref name="signal"/> that a host callback can resolve; valid until disposal.</summary>
    public nint HandleOf(TimelineSignal signal) => GCHandle.ToIntPtr(Entry(signal).Handle);

    public void Dispose()
    {
        lock (_gate)
        {
            foreach ((ulong _, GCHandle handle) in _signals.Values)
                handle.Free();
            _signals.Clear();
            context.MakeCurrent();
            foreach ((nint page, bool ours) in _pages)
            {
                if (ours)
                    CudaDriver.MemHostUnregister((void*)page);
            }

            _pages.Clear();
        }
    }

    private (ulong Address, GCHandle Handle) Entry(TimelineSignal signal)
    {
        lock (_gate)
        {
            if (_signals.TryGetValue(signal, out var entry))
                return entry;
            byte* word = signal.Memory.HostPointer;
            nint pageSize = Environment.SystemPageSize;
            nint page = (nint)word & ~(pageSize - 1);
            context.MakeCurrent();
            if (!_pages.ContainsKey(page))
            {
                CudaResult registered = CudaDriver.MemHostRegister((void*)page, (nuint)pageSize, CudaFlags.HostRegisterPortableDeviceMap);
                if (registered != CudaResult.ErrorHostMemoryAlreadyRegistered)
                    CudaCheck.Driver(registered, "cuMemHostRegister");
                _pages.Add(page, registered == CudaResult.Success);
            }

            ulong address;
            CudaCheck.Driver(CudaDriver.MemHostGetDevicePointer(&address, word, 0), "cuMemHostGetDevicePointer");
            entry = (address, GCHandle.Alloc(signal));
            _signals.Add(signal, entry);
            return entry;
        }
    }
}
