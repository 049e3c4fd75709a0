using RingKernel.Cuda.Devices;
using RingKernel.Cuda.Interop;

namespace RingKernel.Cuda.Streams;

/// <summary>A CUDA event: a point in a stream to wait for or to time from.</summary>
internal sealed unsafe class CudaEvent : IDisposable
{
    private readonly CudaContext _context;

    public CudaEvent(CudaContext context, bool timing)
    {
        _context = context;
        context.MakeCurrent();
        nint handle;
        CudaCheck.Driver(CudaDriver.EventCreate(&handle, timing ? CudaFlags.EventDefault : CudaFlags.EventDisableTiming), "cuEventCreate");
        Handle = handle;
    }

    public nint Handle { get; private set; }

    public void Record(CudaStream stream)
    {
        _context.MakeCurrent();
        CudaCheck.Driver(CudaDriver.EventRecord(Handle, stream.Handle), "cuEventRecord");
    }

    /// <summary>True once the work before the recorded point has run; false while it is pending; a fault throws.</summary>
    public bool IsComplete()
    {
        _context.MakeCurrent();
        CudaResult result = CudaDriver.EventQuery(Handle);
        if (result == CudaResult.ErrorNotReady)
            return false;
        CudaCheck.Driver(result, "cuEventQuery");
        return true;
    }

    public void Synchronize()
    {
        _context.MakeCurrent();
        CudaCheck.Driver(CudaDriver.EventSynchronize(Handle), "cuEventSynchronize");
    }

    /// <summary>Milliseconds from <paramref name="start"/> to this event, both recorded and complete.</summary>
    public float ElapsedSince(CudaEvent start)
    {
        _context.MakeCurrent();
        float milliseconds;
        CudaCheck.Driver(CudaDriver.EventElapsedTime(&milliseconds, start.Handle, Handle), "cuEventElapsedTime");
        return milliseconds;
    }

    public void Dispose()
    {
        if (Handle == 0)
            return;
        _context.MakeCurrent();
        CudaResult result = CudaDriver.EventDestroy(Handle);
        Handle = 0;
        CudaCheck.Driver(result, "cuEventDestroy");
    }
}
