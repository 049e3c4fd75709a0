namespace RingKernel.Vulkan.Interop;

/// <summary>The enum and flag values of vulkan_core.h the backend passes.</summary>
internal static class VkConstants
{
    public const uint ApiVersion12 = (1u << 22) | (2u << 12);
    public const uint ApiVersion13 = (1u << 22) | (3u << 12);

    public const uint QueueCompute = 0x2;

    public const uint MemoryDeviceLocal = 0x1;
    public const uint MemoryHostVisible = 0x2;
    public const uint MemoryHostCoherent = 0x4;

    public const uint MemoryAllocateDeviceAddress = 0x2;

    public const uint BufferUsageTransferSrc = 0x1;
    public const uint BufferUsageTransferDst = 0x2;
    public const uint BufferUsageStorage = 0x20;
    public const uint BufferUsageShaderDeviceAddress = 0x20000;

    public const uint SharingExclusive = 0;

    public const uint ShaderStageCompute = 0x20;
    public const uint PipelineBindPointCompute = 1;
    public const uint DescriptorTypeStorageBuffer = 7;

    public const uint CommandPoolResetCommandBuffer = 0x2;
    public const uint CommandBufferLevelPrimary = 0;
    public const uint CommandBufferOneTimeSubmit = 0x1;

    public const uint StageTopOfPipe = 0x1;
    public const uint StageComputeShader = 0x800;
    public const uint StageTransfer = 0x1000;
    public const uint StageHost = 0x4000;

    public const uint AccessShaderRead = 0x20;
    public const uint AccessShaderWrite = 0x40;
    public const uint AccessTransferRead = 0x800;
    public const uint AccessTransferWrite = 0x1000;
    public const uint AccessHostRead = 0x2000;
    public const uint AccessHostWrite = 0x4000;

    public const ulong WholeSize = ulong.MaxValue;
    public const ulong InfiniteTimeout = ulong.MaxValue;

    public static uint MajorVersion(uint version) => version >> 22;

    public static uint MinorVersion(uint version) => (version >> 12) & 0x3FF;

    public static uint PatchVersion(uint version) => version & 0xFFF;
}
