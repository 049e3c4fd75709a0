using RingKernel.Kernels;
using RingKernel.Stencils;
using RingKernel.Vulkan.Kernels;
using RingKernel.Vulkan.Shaders;

namespace RingKernel.Vulkan.Stencils;

/// <summary>
/// One step of <see cref="HeatEquation2D"/> on a Vulkan device: one thread per cell, neighbours read
/// from global memory (shader <c>heat2d_step.comp</c>) or from a shared-memory tile the workgroup
/// loads once (<c>heat2d_step_shared.comp</c>), fixed or periodic boundary, bit-identical to
/// <see cref="HeatReference2D"/> either way.
/// </summary>
public static class VulkanHeatKernel2D
{
    private const int PushConstantBytes = 20;

    /// <summary>
    /// The step kernel for <paramref name="equation"/> with workgroups of <paramref name="workgroupX"/>
    /// x <paramref name="workgroupY"/> threads, reading neighbours from <paramref name="memory"/>; the
    /// grid covers every cell (edge workgroups idle past the edge).
    /// </summary>
    public static KernelDefinition<VulkanHeatArgs> Create(HeatEquation2D equation, int workgroupX = 16, int workgroupY = 16, VulkanStencilMemory memory = VulkanStencilMemory.Global)
    {
        ArgumentNullException.ThrowIfNull(equation);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workgroupX);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workgroupY);
        GridSize size = equation.Size;
        var body = new VulkanKernelBody<VulkanHeatArgs>(VulkanShaders.Spirv(memory == VulkanStencilMemory.SharedTile ? "heat2d_step_shared" : "heat2d_step"), 2, PushConstantBytes, (args, bindings) =>
        {
            VulkanStencilLaunch.CheckFields(size, args.Current, nameof(args.Current), args.Next, nameof(args.Next),
                "A heat step reads its neighbours from the current field, so it cannot write into it.", nameof(args));
            bindings.StorageBuffer(0, args.Current);
            bindings.StorageBuffer(1, args.Next);
            bindings.PushConstant(0, (uint)size.Width);
            bindings.PushConstant(4, (uint)size.Height);
            bindings.PushConstant(8, equation.Boundary.Kind == BoundaryKind.Periodic ? 1u : 0u);
            bindings.PushConstant(12, equation.Boundary.FixedValue);
            bindings.PushConstant(16, equation.Alpha);
        });
        LaunchOptions options = VulkanStencilLaunch.Covering(size, new Dim3(workgroupX, workgroupY));
        return new KernelDefinition<VulkanHeatArgs>(memory == VulkanStencilMemory.SharedTile ? "heat2d-step-shared" : "heat2d-step", options).WithVulkan(body);
    }
}
