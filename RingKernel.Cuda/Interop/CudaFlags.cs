namespace RingKernel.Cuda.Interop;

/// <summary>Flag values of the driver calls this backend makes (cuda.h).</summary>
internal static class CudaFlags
{
    /// <summary>CU_MEMHOSTALLOC_PORTABLE | CU_MEMHOSTALLOC_DEVICEMAP: pinned, usable from every context, mapped into the device.</summary>
    public const uint HostAllocPortableDeviceMap = 0x01 | 0x02;

    /// <summary>CU_MEMHOSTREGISTER_PORTABLE | CU_MEMHOSTREGISTER_DEVICEMAP.</summary>
    public const uint HostRegisterPortableDeviceMap = 0x01 | 0x02;

    /// <summary>CU_STREAM_NON_BLOCKING: no implicit synchronisation with the legacy default stream.</summary>
    public const uint StreamNonBlocking = 0x1;

    /// <summary>CU_EVENT_DEFAULT: an event that records timing.</summary>
    public const uint EventDefault = 0x0;

    /// <summary>CU_EVENT_DISABLE_TIMING: a cheaper event for ordering only.</summary>
    public const uint EventDisableTiming = 0x2;

    /// <summary>CU_STREAM_WAIT_VALUE_GEQ: wait until (int64)(*addr - value) >= 0, the timeline comparison.</summary>
    public const uint StreamWaitValueGeq = 0x0;

    /// <summary>CU_STREAM_WRITE_VALUE_DEFAULT: the write is ordered after the stream's earlier work (a release).</summary>
    public const uint StreamWriteValueDefault = 0x0;

    /// <summary>CU_LAUNCH_PARAM_END, CU_LAUNCH_PARAM_BUFFER_POINTER, CU_LAUNCH_PARAM_BUFFER_SIZE: markers of cuLaunchKernel's "extra" array.</summary>
    public const nint LaunchParamEnd = 0x00;

    public const nint LaunchParamBufferPointer = 0x01;

    public const nint LaunchParamBufferSize = 0x02;
}
