using System.Runtime.InteropServices;

namespace RingKernel.Cuda.Interop;

/// <summary>
/// The CUDA driver API calls this backend makes (libcuda; no CUDA runtime). Handles are opaque
/// pointers (CUcontext, CUmodule, CUfunction, CUstream, CUevent as <see cref="nint"/>), device
/// addresses are CUdeviceptr (<see cref="ulong"/>), sizes size_t (<see cref="nuint"/>). Entry points
/// are the versioned symbols cuda.h maps its names to (cuMemAlloc is cuMemAlloc_v2, and so on).
/// </summary>
internal static unsafe partial class CudaDriver
{
    private const string Lib = CudaLibrary.DriverName;

    [LibraryImport(Lib, EntryPoint = "cuInit")]
    public static partial CudaResult Init(uint flags);

    [LibraryImport(Lib, EntryPoint = "cuDriverGetVersion")]
    public static partial CudaResult DriverGetVersion(int* version);

    [LibraryImport(Lib, EntryPoint = "cuDeviceGetCount")]
    public static partial CudaResult DeviceGetCount(int* count);

    [LibraryImport(Lib, EntryPoint = "cuDeviceGet")]
    public static partial CudaResult DeviceGet(int* device, int ordinal);

    [LibraryImport(Lib, EntryPoint = "cuDeviceGetName")]
    public static partial CudaResult DeviceGetName(byte* name, int length, int device);

    [LibraryImport(Lib, EntryPoint = "cuDeviceGetUuid_v2")]
    public static partial CudaResult DeviceGetUuid(CudaUuid* uuid, int device);

    [LibraryImport(Lib, EntryPoint = "cuDeviceGetAttribute")]
    public static partial CudaResult DeviceGetAttribute(int* value, CudaDeviceAttribute attribute, int device);

    [LibraryImport(Lib, EntryPoint = "cuDeviceTotalMem_v2")]
    public static partial CudaResult DeviceTotalMem(nuint* bytes, int device);

    [LibraryImport(Lib, EntryPoint = "cuDevicePrimaryCtxRetain")]
    public static partial CudaResult DevicePrimaryCtxRetain(nint* context, int device);

    [LibraryImport(Lib, EntryPoint = "cuDevicePrimaryCtxRelease_v2")]
    public static partial CudaResult DevicePrimaryCtxRelease(int device);

    [LibraryImport(Lib, EntryPoint = "cuCtxSetCurrent")]
    public static partial CudaResult CtxSetCurrent(nint context);

    [LibraryImport(Lib, EntryPoint = "cuCtxSynchronize")]
    public static partial CudaResult CtxSynchronize();

    [LibraryImport(Lib, EntryPoint = "cuModuleLoadData")]
    public static partial CudaResult ModuleLoadData(nint* module, byte* image);

    [LibraryImport(Lib, EntryPoint = "cuModuleUnload")]
    public static partial CudaResult ModuleUnload(nint module);

    [LibraryImport(Lib, EntryPoint = "cuModuleGetFunction")]
    public static partial CudaResult ModuleGetFunction(nint* function, nint module, byte* name);

    [LibraryImport(Lib, EntryPoint = "cuLaunchKernel")]
    public static partial CudaResult LaunchKernel(
        nint function, uint gridX, uint gridY, uint gridZ, uint blockX, uint blockY, uint blockZ,
        uint sharedMemoryBytes, nint stream, void** kernelParams, void** extra);

    [LibraryImport(Lib, EntryPoint = "cuLaunchCooperativeKernel")]
    public static partial CudaResult LaunchCooperativeKernel(
        nint function, uint gridX, uint gridY, uint gridZ, uint blockX, uint blockY, uint blockZ,
        uint sharedMemoryBytes, nint stream, void** kernelParams);

    [LibraryImport(Lib, EntryPoint = "cuOccupancyMaxActiveBlocksPerMultiprocessor")]
    public static partial CudaResult OccupancyMaxActiveBlocksPerMultiprocessor(int* blocks, nint function, int blockSize, nuint dynamicSharedMemoryBytes);

    [LibraryImport(Lib, EntryPoint = "cuLaunchHostFunc")]
    public static partial CudaResult LaunchHostFunc(nint stream, delegate* unmanaged<nint, void> function, nint userData);

    [LibraryImport(Lib, EntryPoint = "cuStreamCreate")]
    public static partial CudaResult StreamCreate(nint* stream, uint flags);

    [LibraryImport(Lib, EntryPoint = "cuStreamDestroy_v2")]
    public static partial CudaResult StreamDestroy(nint stream);

    [LibraryImport(Lib, EntryPoint = "cuStreamSynchronize")]
    public static partial CudaResult StreamSynchronize(nint stream);

    [LibraryImport(Lib, EntryPoint = "cuStreamQuery")]
    public static partial CudaResult StreamQuery(nint stream);

    [LibraryImport(Lib, EntryPoint = "cuStreamWaitEvent")]
    public static partial CudaResult StreamWaitEvent(nint stream, nint cudaEvent, uint flags);

    [LibraryImport(Lib, EntryPoint = "cuStreamWaitValue64_v2")]
    public static partial CudaResult StreamWaitValue64(nint stream, ulong address, ulong value, uint flags);

    [LibraryImport(Lib, EntryPoint = "cuStreamWriteValue64_v2")]
    public static partial CudaResult StreamWriteValue64(nint stream, ulong address, ulong value, uint flags);

    [LibraryImport(Lib, EntryPoint = "cuEventCreate")]
    public static partial CudaResult EventCreate(nint* cudaEvent, uint flags);

    [LibraryImport(Lib, EntryPoint = "cuEventRecord")]
    public static partial CudaResult EventRecord(nint cudaEvent, nint stream);

    [LibraryImport(Lib, EntryPoint = "cuEventSynchronize")]
    public static partial CudaResult EventSynchronize(nint cudaEvent);

    [LibraryImport(Lib, EntryPoint = "cuEventQuery")]
    public static partial CudaResult EventQuery(nint cudaEvent);

    [LibraryImport(Lib, EntryPoint = "cuEventElapsedTime")]
    public static partial CudaResult EventElapsedTime(float* milliseconds, nint start, nint end);

    [LibraryImport(Lib, EntryPoint = "cuEventDestroy_v2")]
    public static partial CudaResult EventDestroy(nint cudaEvent);

    [LibraryImport(Lib, EntryPoint = "cuMemHostAlloc")]
    public static partial CudaResult MemHostAlloc(void** host, nuint bytes, uint flags);

    [LibraryImport(Lib, EntryPoint = "cuMemFreeHost")]
    public static partial CudaResult MemFreeHost(void* host);

    [LibraryImport(Lib, EntryPoint = "cuMemHostRegister_v2")]
    public static partial CudaResult MemHostRegister(void* host, nuint bytes, uint flags);

    [LibraryImport(Lib, EntryPoint = "cuMemHostUnregister")]
    public static partial CudaResult MemHostUnregister(void* host);

    [LibraryImport(Lib, EntryPoint = "cuMemHostGetDevicePointer_v2")]
    public static partial CudaResult MemHostGetDevicePointer(ulong* device, void* host, uint flags);

    [LibraryImport(Lib, EntryPoint = "cuMemAlloc_v2")]
    public static partial CudaResult MemAlloc(ulong* device, nuint bytes);

    [LibraryImport(Lib, EntryPoint = "cuMemFree_v2")]
    public static partial CudaResult MemFree(ulong device);

    [LibraryImport(Lib, EntryPoint = "cuMemsetD8_v2")]
    public static partial CudaResult MemsetD8(ulong device, byte value, nuint count);

    /// <summary>A copy between any two addresses of the unified address space (pinned host or device).</summary>
    [LibraryImport(Lib, EntryPoint = "cuMemcpyAsync")]
    public static partial CudaResult MemcpyAsync(ulong destination, ulong source, nuint bytes, nint stream);

    [LibraryImport(Lib, EntryPoint = "cuMemcpyHtoD_v2")]
    public static partial CudaResult MemcpyHtoD(ulong destination, void* source, nuint bytes);

    [LibraryImport(Lib, EntryPoint = "cuMemcpyDtoH_v2")]
    public static partial CudaResult MemcpyDtoH(void* destination, ulong source, nuint bytes);
}
