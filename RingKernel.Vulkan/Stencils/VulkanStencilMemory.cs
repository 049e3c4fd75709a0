namespace RingKernel.Vulkan.Stencils;

/// <summary>Where a Vulkan stencil kernel reads a cell's neighbours from.</summary>
public enum VulkanStencilMemory
{
    /// <summary>Every thread reads its neighbours from the field in global memory.</summary>
    Global,

    /// <summary>Each workgroup loads its block and a one-cell apron into shared memory once; threads read neighbours from there.</summary>
    SharedTile,
}
