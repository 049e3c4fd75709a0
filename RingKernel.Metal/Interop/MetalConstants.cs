namespace RingKernel.Metal.Interop;

/// <summary>The values of Metal's enumerations and option sets the backend passes (Metal/*.h).</summary>
internal static class MetalConstants
{
    /// <summary>MTLResourceStorageModeShared (MTLResourceStorageModeShift 4, mode 0): one allocation host and device both reach.</summary>
    public const nuint StorageModeShared = 0 << 4;

    /// <summary>MTLResourceStorageModePrivate (mode 2): device memory only.</summary>
    public const nuint StorageModePrivate = 2 << 4;

    /// <summary>MTLResourceUsageRead | MTLResourceUsageWrite.</summary>
    public const nuint UsageReadWrite = 1 | 2;

    /// <summary>MTLGPUFamilyMetal3: GPU addresses of buffers (gpuAddress), which the ring and halo kernels follow.</summary>
    public const nint GpuFamilyMetal3 = 5001;

    /// <summary>MTLLanguageVersion3_0: the MSL the translation targets.</summary>
    public const nuint LanguageVersion3_0 = (3 << 16) + 0;

    /// <summary>MTLDataTypeUInt: a function constant of type uint (the workgroup size).</summary>
    public const nuint DataTypeUInt = 33;

    /// <summary>MTLCommandBufferStatusCompleted.</summary>
    public const nuint CommandBufferCompleted = 4;
}
