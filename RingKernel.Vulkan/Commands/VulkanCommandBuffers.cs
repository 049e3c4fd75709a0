using RingKernel.Vulkan.Devices;
using RingKernel.Vulkan.Interop;

namespace RingKernel.Vulkan.Commands;

/// <summary>
/// The Vulkan objects every recorder of command buffers creates the same way: a pool whose buffers
/// can be reset one by one, primary command buffers from it, fences, and one-time-submit recordings.
/// </summary>
internal static unsafe class VulkanCommandBuffers
{
    /// <summary>A command pool on the device's compute family whose buffers are reset individually.</summary>
    public static ulong CreatePool(VulkanDevice device)
    {
        var poolInfo = new VkCommandPoolCreateInfo
        {
            SType = VkStructureType.CommandPoolCreateInfo,
            Flags = VkConstants.CommandPoolResetCommandBuffer,
            QueueFamilyIndex = device.QueueFamily,
        };
        ulong pool;
        VulkanResults.Check(device.Functions.CreateCommandPool(device.Handle, &poolInfo, null, &pool), "vkCreateCommandPool");
        return pool;
    }

    /// <summary>One primary command buffer from <paramref name="pool"/>.</summary>
    public static nint Allocate(VulkanDevice device, ulong pool)
    {
        var allocate = new VkCommandBufferAllocateInfo
        {
            SType = VkStructureType.CommandBufferAllocateInfo,
            CommandPool = pool,
            Level = VkConstants.CommandBufferLevelPrimary,
            CommandBufferCount = 1,
        };
        nint commandBuffer;
        VulkanResults.Check(device.Functions.AllocateCommandBuffers(device.Handle, &allocate, &commandBuffer), "vkAllocateCommandBuffers");
        return commandBuffer;
    }

    /// <summary>An unsignalled fence.</summary>
    public static ulong CreateFence(VulkanDevice device)
    {
        var fenceInfo = new VkFenceCreateInfo { SType = VkStructureType.FenceCreateInfo };
        ulong fence;
        VulkanResults.Check(device.Functions.CreateFence(device.Handle, &fenceInfo, null, &fence), "vkCreateFence");
        return fence;
    }

    /// <summary>Begins recording <paramref name="commandBuffer"/> for a single submission.</summary>
    public static void Begin(VulkanDevice device, nint commandBuffer)
    {
        var begin = new VkCommandBufferBeginInfo { SType = VkStructureType.CommandBufferBeginInfo, Flags = VkConstants.CommandBufferOneTimeSubmit };
        VulkanResults.Check(device.Functions.BeginCommandBuffer(commandBuffer, &begin), "vkBeginCommandBuffer");
    }
}
