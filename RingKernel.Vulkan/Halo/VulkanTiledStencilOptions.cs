using RingKernel.Layouts;

namespace RingKernel.Vulkan.Halo;

/// <summary>How a <see cref="VulkanTiledStencil"/> runs its tiles.</summary>
public sealed class VulkanTiledStencilOptions
{
    /// <summary>Threads in each tile's workgroup.</summary>
    public int WorkgroupThreads { get; init; } = 128;

    /// <summary>Floats per halo chunk, 1 to <see cref="HaloChunk.Capacity"/>; smaller values cut strips into more chunks.</summary>
    public int ChunkElements { get; init; } = HaloChunk.Capacity;

    /// <summary>Called with the epoch's first step before the dispatch that receives its halo (the inboxes then hold it): a hook for diagnostics and fault injection.</summary>
    public Action<long>? BeforeEpoch { get; init; }
}
