using RingKernel.Vulkan.Devices;
using RingKernel.Vulkan.Interop;
using Silk.NET.Vulkan;

namespace RingKernel.Vulkan.Commands;

/// <summary>
/// The Vulkan objects every recorder of command buffers creates the same way: a pool whose buffers
/// can be reset one by one, primary command buffers from it, fences, and one-time-submit recordings.
/// </summary>
internal static unsafe class VulkanCommandBuffers
{
    /// <summary>A command pool on the device's compute family whose buffers are reset individually.</summary>
    public static CommandPool CreatePool(VulkanDevice device)
    {
        var poolInfo = new CommandPoolCreateInfo
        {
            SType = StructureType.CommandPoolCreateInfo,
            Flags = CommandPoolCreateFlags.ResetCommandBufferBit,
            QueueFamilyIndex = device.QueueFamily,
        };
        CommandPool pool;
        VulkanResults.Check(device.Api.CreateCommandPool(device.Handle, &poolInfo, null, &pool), "vkCreateCommandPool");
        return pool;
    }

    /// <summary>One primary command buffer from <paramref name="pool"/>.</summary>
    public static CommandBuffer Allocate(VulkanDevice device, CommandPool pool)
    {
        var allocate = new CommandBufferAllocateInfo
        {
            SType = StructureType.CommandBufferAllocateInfo,
            CommandPool = pool,
            Level = CommandBufferLevel.Primary,
            CommandBufferCount = 1,
        };
        CommandBuffer commandBuffer;
        VulkanResults.Check(device.Api.AllocateCommandBuffers(device.Handle, &allocate, &commandBuffer), "vkAllocateCommandBuffers");
        return commandBuffer;
    }

    /// <summary>An unsignalled fence.</summary>
    public static Fence CreateFence(VulkanDevice device)
    {
        var fenceInfo = new FenceCreateInfo { SType = StructureType.FenceCreateInfo };
        Fence fence;
        VulkanResults.Check(device.Api.CreateFence(device.Handle, &fenceInfo, null, &fence), "vkCreateFence");
        return fence;
    }

    /// <summary>Begins recording <paramref name="commandBuffer"/> for a single submission.</summary>
    public static void Begin(VulkanDevice device, CommandBuffer commandBuffer)
    {
        var begin = new CommandBufferBeginInfo { SType = StructureType.CommandBufferBeginInfo, Flags = CommandBufferUsageFlags.OneTimeSubmitBit };
        VulkanResults.Check(device.Api.BeginCommandBuffer(commandBuffer, &begin), "vkBeginCommandBuffer");
    }
}
