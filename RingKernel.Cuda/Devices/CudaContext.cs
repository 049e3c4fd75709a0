using RingKernel.Cuda.Interop;

namespace RingKernel.Cuda.Devices;

/// <summary>
/// The device's primary context, retained for this backend's lifetime. A driver call acts on the
/// calling thread's current context, and the backend is called from any thread, so every entry
/// point calls <see cref="MakeCurrent"/> first (cheap: a thread-local store).
/// </summary>
internal sealed class CudaContext : IDisposable
{
    private readonly CudaDevice _device;
    private nint _handle;

    public unsafe CudaContext(CudaDevice device)
    {
        _device = device;
        nint handle;
        CudaCheck.Driver(CudaDriver.DevicePrimaryCtxRetain(&handle, device.Handle), "cuDevicePrimaryCtxRetain");
        _handle = handle;
    }

    public void MakeCurrent()
    {
        ObjectDisposedException.ThrowIf(_handle == 0, this);
        CudaCheck.Driver(CudaDriver.CtxSetCurrent(_handle), "cuCtxSetCurrent");
    }

    public void Synchronize()
    {
        MakeCurrent();
        CudaCheck.Driver(CudaDriver.CtxSynchronize(), "cuCtxSynchronize");
    }

    public void Dispose()
    {
        if (_handle == 0)
            return;
        _handle = 0;
        CudaCheck.Driver(CudaDriver.DevicePrimaryCtxRelease(_device.Handle), "cuDevicePrimaryCtxRelease");
    }
}
