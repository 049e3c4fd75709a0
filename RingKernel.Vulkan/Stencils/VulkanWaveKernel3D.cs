using RingKernel.Kernels;
using RingKernel.Stencils;
using RingKernel.Vulkan.Kernels;
using RingKernel.Vulkan.Shaders;

namespace RingKernel.Vulkan.Stencils;

/// <summary>
/// One leapfrog step of <see cref="WaveEquation3D"/> on a Vulkan device: one thread per cell, the
/// new level written over the previous one, neighbours read from global memory (shader
/// <c>wave3d_step.comp</c>) or from a shared-memory box the workgroup loads once
/// (<c>wave3d_step_shared.comp</c>), fixed or periodic boundary, bit-identical to
/// <see cref="WaveReference3D"/> either way.
/// </summary>
public static class VulkanWaveKernel3D
{
    private const int PushConstantBytes = 24;

    /// <summary>
    /// The step kernel for <paramref name="equation"/> with workgroups of <paramref name="workgroup"/>
    /// threads (default 8 x 8 x 4), reading neighbours from <paramref name="memory"/>; the grid covers
    /// every cell (edge workgroups idle past the edge).
    /// </summary>
    public static KernelDefinition<VulkanWaveArgs> Create(WaveEquation3D equation, VulkanStencilMemory memory = VulkanStencilMemory.Global, Dim3 workgroup = default)
    {
        ArgumentNullException.ThrowIfNull(equation);
        if (workgroup.Count == 0)
            workgroup = new Dim3(8, 8, 4);
        GridSize size = equation.Size;
        string shader = memory == VulkanStencilMemory.SharedTile ? "wave3d_step_shared" : "wave3d_step";
        var body = new VulkanKernelBody<VulkanWaveArgs>(VulkanShaders.Spirv(shader), 2, PushConstantBytes, (args, bindings) =>
        {
            VulkanStencilLaunch.CheckFields(size, args.Previous, nameof(args.Previous), args.Current, nameof(args.Current),
                "A wave step reads its neighbours from the current level, so it cannot write the new level into it.", nameof(args));
            bindings.StorageBuffer(0, args.Previous);
            bindings.StorageBuffer(1, args.Current);
            bindings.PushConstant(0, (uint)size.Width);
            bindings.PushConstant(4, (uint)size.Height);
            bindings.PushConstant(8, (uint)size.Depth);
            bindings.PushConstant(12, equation.Boundary.Kind == BoundaryKind.Periodic ? 1u : 0u);
            bindings.PushConstant(16, equation.Boundary.FixedValue);
            bindings.PushConstant(20, equation.C2);
        });
        LaunchOptions options = VulkanStencilLaunch.Covering(size, workgroup);
        return new KernelDefinition<VulkanWaveArgs>(shader.Replace('_', '-'), options).WithVulkan(body);
    }
}
