using System.Buffers.Binary;
using RingKernel.Kernels;

namespace RingKernel.Vulkan.Kernels;

/// <summary>
/// The Vulkan body of a kernel (attach it with <see cref="VulkanKernelDefinitionExtensions.WithVulkan{TArgs}"/>): a SPIR-V compute module, its entry point, and how a dispatch's
/// <typeparamref name="TArgs"/> become the module's resources: storage buffers at descriptor set 0,
/// bindings 0 to <see cref="StorageBufferCount"/> - 1, and a push-constant block of
/// <see cref="PushConstantBytes"/> bytes, both filled by <see cref="Bind"/> before each dispatch.
/// </summary>
/// <remarks>
/// The module takes its workgroup size from specialization constants 0, 1 and 2
/// (<c>layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;</c>), which the
/// backend sets from <see cref="LaunchOptions.Workgroup"/>, so one module serves every workgroup shape.
/// </remarks>
public sealed class VulkanKernelBody<TArgs> : IKernelBody
{
    /// <summary>The first word of every SPIR-V module.</summary>
    public const uint SpirvMagic = 0x07230203;

    /// <summary>The most storage buffers a body may bind: the smallest per-stage limit Vulkan guarantees.</summary>
    public const int MaxStorageBuffers = 4;

    /// <summary>The push-constant bytes every Vulkan device provides.</summary>
    public const int MaxPushConstantBytes = 128;

    public VulkanKernelBody(ReadOnlyMemory<byte> spirv, int storageBufferCount, int pushConstantBytes, VulkanArgumentBinder<TArgs> bind, string entryPoint = "main")
    {
        ArgumentNullException.ThrowIfNull(bind);
        ArgumentException.ThrowIfNullOrWhiteSpace(entryPoint);
        if (spirv.Length < 20 || spirv.Length % 4 != 0)
            throw new ArgumentException($"A SPIR-V module is a sequence of 32-bit words with a 5-word header; {spirv.Length} bytes were given.", nameof(spirv));
        if (BinaryPrimitives.ReadUInt32LittleEndian(spirv.Span) != SpirvMagic)
            throw new ArgumentException("The bytes do not start with the SPIR-V magic number 0x07230203.", nameof(spirv));
        if (storageBufferCount < 0 || storageBufferCount > MaxStorageBuffers)
            throw new ArgumentOutOfRangeException(nameof(storageBufferCount), storageBufferCount, $"A body binds 0 to {MaxStorageBuffers} storage buffers.");
        if (pushConstantBytes < 0 || pushConstantBytes > MaxPushConstantBytes || pushConstantBytes % 4 != 0)
            throw new ArgumentOutOfRangeException(nameof(pushConstantBytes), pushConstantBytes, $"Push constants are a multiple of 4 bytes, at most {MaxPushConstantBytes}.");
        Spirv = spirv;
        StorageBufferCount = storageBufferCount;
        PushConstantBytes = pushConstantBytes;
        Bind = bind;
        EntryPoint = entryPoint;
    }

    /// <summary>The SPIR-V module, little-endian 32-bit words.</summary>
    public ReadOnlyMemory<byte> Spirv { get; }

    public string EntryPoint { get; }

    /// <summary>Storage buffers at set 0, bindings 0 to this count - 1.</summary>
    public int StorageBufferCount { get; }

    /// <summary>Size of the push-constant block, a multiple of 4 bytes.</summary>
    public int PushConstantBytes { get; }

    /// <summary>Fills a dispatch's buffers and push constants from its arguments.</summary>
    public VulkanArgumentBinder<TArgs> Bind { get; }
}
