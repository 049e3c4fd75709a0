namespace RingKernel.Cuda.Interop;

/// <summary>The CUdevice_attribute values this backend reads (cuda.h).</summary>
internal enum CudaDeviceAttribute
{
    MaxThreadsPerBlock = 1,
    MultiprocessorCount = 16,
    CanMapHostMemory = 19,
    MemoryClockRate = 36,
    GlobalMemoryBusWidth = 37,
    UnifiedAddressing = 41,
    ComputeCapabilityMajor = 75,
    ComputeCapabilityMinor = 76,
    ConcurrentManagedAccess = 89,
    /// <summary>CU_DEVICE_ATTRIBUTE_CAN_USE_64_BIT_STREAM_MEM_OPS: cuStreamWaitValue64/cuStreamWriteValue64 work.</summary>
    CanUse64BitStreamMemOps = 93,
    CooperativeLaunch = 95,
}
