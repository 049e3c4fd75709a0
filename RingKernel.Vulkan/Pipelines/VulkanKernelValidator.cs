using RingKernel.Kernels;
using RingKernel.Vulkan.Devices;
using RingKernel.Vulkan.Kernels;
using Silk.NET.Vulkan;

namespace RingKernel.Vulkan.Pipelines;

/// <summary>Refuses, before anything is recorded, a one-shot dispatch the device cannot run.</summary>
internal static unsafe class VulkanKernelValidator
{
    /// <summary><paramref name="kernel"/>'s Vulkan body, once its workgroups, grid and push constants are within <paramref name="device"/>'s limits.</summary>
    /// <exception cref="ArgumentException">The kernel has no Vulkan body, declares rings, or exceeds a limit (the message names it).</exception>
    public static VulkanKernelBody<TArgs> Validate<TArgs>(KernelDefinition<TArgs> kernel, VulkanPhysicalDevice device)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (!kernel.TryGetBody(out VulkanKernelBody<TArgs>? body))
            throw new ArgumentException($"Kernel '{kernel.Name}' has no Vulkan body: give it one with its SPIR-V (WithVulkan).", nameof(kernel));
        LaunchOptions options = kernel.Options;
        if (options.HasRings)
            throw new ArgumentException($"Kernel '{kernel.Name}' declares rings ({options}); a one-shot dispatch has no rings to give it.", nameof(kernel));
        PhysicalDeviceLimits limits = device.Limits;
        Dim3 workgroup = options.Workgroup, grid = options.Grid;
        if (options.ThreadsPerWorkgroup > limits.MaxComputeWorkGroupInvocations
            || workgroup.X > limits.MaxComputeWorkGroupSize[0] || workgroup.Y > limits.MaxComputeWorkGroupSize[1] || workgroup.Z > limits.MaxComputeWorkGroupSize[2])
        {
            throw new ArgumentException($"Kernel '{kernel.Name}' has workgroups of {workgroup}; {device.Info.Name} allows at most ({limits.MaxComputeWorkGroupSize[0]}, {limits.MaxComputeWorkGroupSize[1]}, {limits.MaxComputeWorkGroupSize[2]}) and {limits.MaxComputeWorkGroupInvocations} threads.", nameof(kernel));
        }

        if (grid.X > limits.MaxComputeWorkGroupCount[0] || grid.Y > limits.MaxComputeWorkGroupCount[1] || grid.Z > limits.MaxComputeWorkGroupCount[2])
            throw new ArgumentException($"Kernel '{kernel.Name}' has a grid of {grid}; {device.Info.Name} allows at most ({limits.MaxComputeWorkGroupCount[0]}, {limits.MaxComputeWorkGroupCount[1]}, {limits.MaxComputeWorkGroupCount[2]}) workgroups.", nameof(kernel));
        if (body.PushConstantBytes > limits.MaxPushConstantsSize)
            throw new ArgumentException($"Kernel '{kernel.Name}' pushes {body.PushConstantBytes} bytes of constants; {device.Info.Name} allows {limits.MaxPushConstantsSize}.", nameof(kernel));
        return body;
    }
}
