using RingKernel.Cuda.Devices;
using RingKernel.Cuda.Interop;

namespace RingKernel.Cuda.Streams;

/// <summary>A non-blocking CUDA stream: work on it runs in order, concurrently with other streams.</summary>
internal sealed unsafe class CudaStream : IDisposable
{
    private readonly CudaContext _context;

    public CudaStream(CudaContext context)
    {
        _context = context;
        context.MakeCurrent();
        nint handle;
        CudaCheck.Driver(CudaDriver.StreamCreate(&handle, CudaFlags.StreamNonBlocking), "cuStreamCreate");
        Handle = handle;
    }

    public nint Handle { get; private set; }

    /// <summary>Blocks until everything queued so far has run; a fault on the stream throws here.</summary>
    public void Synchronize()
    {
        _context.MakeCurrent();
        CudaCheck.Driver(CudaDriver.StreamSynchronize(Handle), "cuStreamSynchronize");
    }

    /// <summary>True when the stream is idle, false while work is pending; a fault throws.</summary>
    public bool IsIdle()
    {
        _context.MakeCurrent();
        CudaResult result = CudaDriver.StreamQuery(Handle);
        if (result == CudaResult.ErrorNotReady)
            return false;
        CudaCheck.Driver(result, "cuStreamQuery");
        return true;
    }

    /// <summary>Makes later work wait until the 64-bit word at device address <paramref name="address"/> reaches <paramref name="value"/>.</summary>
    public void WaitValue(ulong address, ulong value)
    {
        _context.MakeCurrent();
        CudaCheck.Driver(CudaDriver.StreamWaitValue64(Handle, address, value, CudaFlags.StreamWaitValueGeq), "cuStreamWaitValue64");
    }

    /// <summary>Writes <paramref name="value"/> to the word at <paramref name="address"/> once earlier work is done.</summary>
    public void WriteValue(ulong address, ulong value)
    {
        _context.MakeCurrent();
        CudaCheck.Driver(CudaDriver.StreamWriteValue64(Handle, address, value, CudaFlags.StreamWriteValueDefault), "cuStreamWriteValue64");
    }

    /// <summary>Calls <paramref name="function"/>(<paramref name="userData"/>) on a driver thread once earlier work is done.</summary>
    public void CallHost(delegate* unmanaged<nint, void> function, nint userData)
    {
        _context.MakeCurrent();
        CudaCheck.Driver(CudaDriver.LaunchHostFunc(Handle, function, userData), "cuLaunchHostFunc");
    }

    /// <summary>Copies <paramref name="bytes"/> between two unified addresses after earlier work.</summary>
    public void Copy(ulong destination, ulong source, ulong bytes)
    {
        _context.MakeCurrent();
        CudaCheck.Driver(CudaDriver.MemcpyAsync(destination, source, (nuint)bytes, Handle), "cuMemcpyAsync");
    }

    public void Dispose()
    {
        if (Handle == 0)
            return;
        _context.MakeCurrent();
        CudaResult result = CudaDriver.StreamDestroy(Handle);
        Handle = 0;
        CudaCheck.Driver(result, "cuStreamDestroy");
    }
}
