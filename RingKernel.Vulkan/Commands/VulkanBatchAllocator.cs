using System.Collections.Concurrent;
using RingKernel.Kernels;
using RingKernel.Vulkan.Devices;
using RingKernel.Vulkan.Interop;

namespace RingKernel.Vulkan.Commands;

/// <summary>
/// The command buffers and descriptor sets a <see cref="VulkanCommandQueue"/>'s batches are recorded
/// into: command buffers come from the queue's own pool and are reused once their batch has run;
/// descriptor sets come from pools that belong to the batch and are destroyed with it.
/// </summary>
internal sealed unsafe class VulkanBatchAllocator
{
    private const int SetsPerDescriptorPool = 32;

    private readonly VulkanDevice _device;
    private readonly ulong _commandPool;
    private readonly ConcurrentQueue<nint> _freeCommandBuffers = new();

    public VulkanBatchAllocator(VulkanDevice device)
    {
        _device = device;
        _commandPool = VulkanCommandBuffers.CreatePool(device);
    }

    /// <summary>A batch whose command buffer (a free one, or a new one) has begun recording.</summary>
    public VulkanBatch NewBatch()
    {
        DeviceFunctions vk = _device.Functions;
        if (!_freeCommandBuffers.TryDequeue(out nint commandBuffer))
            commandBuffer = VulkanCommandBuffers.Allocate(_device, _commandPool);
        else
            VulkanResults.Check(vk.ResetCommandBuffer(commandBuffer, 0), "vkResetCommandBuffer");

        VulkanCommandBuffers.Begin(_device, commandBuffer);
        return new VulkanBatch(commandBuffer);
    }

    /// <summary>Gives back a batch that was never submitted.</summary>
    public void Abandon(VulkanBatch batch)
    {
        _device.Functions.EndCommandBuffer(batch.CommandBuffer);
        Release(batch);
    }

    /// <summary>Frees a batch's descriptor pools and keeps its command buffer for a later batch.</summary>
    public void Release(VulkanBatch batch)
    {
        foreach (ulong pool in batch.DescriptorPools)
            _device.Functions.DestroyDescriptorPool(_device.Handle, pool, null);
        batch.DescriptorPools.Clear();
        if (batch.CommandBuffer != 0)
            _freeCommandBuffers.Enqueue(batch.CommandBuffer);
    }

    /// <summary>A descriptor set of <paramref name="setLayout"/> for <paramref name="buffers"/> storage buffers, from the batch's pools (a new pool when they are full).</summary>
    public ulong AllocateSet(VulkanBatch batch, ulong setLayout, int buffers)
    {
        DeviceFunctions vk = _device.Functions;
        if (batch.DescriptorPools.Count == 0 || batch.SetsLeft == 0 || batch.BuffersLeft < buffers)
        {
            int descriptors = SetsPerDescriptorPool * VulkanKernelBody<object>.MaxStorageBuffers;
            var size = new VkDescriptorPoolSize { Type = VkConstants.DescriptorTypeStorageBuffer, DescriptorCount = (uint)descriptors };
            var poolInfo = new VkDescriptorPoolCreateInfo { SType = VkStructureType.DescriptorPoolCreateInfo, MaxSets = SetsPerDescriptorPool, PoolSizeCount = 1, PPoolSizes = &size };
            ulong pool;
            VulkanResults.Check(vk.CreateDescriptorPool(_device.Handle, &poolInfo, null, &pool), "vkCreateDescriptorPool");
            batch.DescriptorPools.Add(pool);
            batch.SetsLeft = SetsPerDescriptorPool;
            batch.BuffersLeft = descriptors;
        }

        var allocate = new VkDescriptorSetAllocateInfo { SType = VkStructureType.DescriptorSetAllocateInfo, DescriptorPool = batch.DescriptorPools[^1], DescriptorSetCount = 1, PSetLayouts = &setLayout };
        ulong set;
        VulkanResults.Check(vk.AllocateDescriptorSets(_device.Handle, &allocate, &set), "vkAllocateDescriptorSets");
        batch.SetsLeft--;
        batch.BuffersLeft -= buffers;
        return set;
    }

    /// <summary>Destroys the command pool, and with it every command buffer; call once the device has finished the queue's work.</summary>
    public void DestroyCommandPool() => _device.Functions.DestroyCommandPool(_device.Handle, _commandPool, null);
}
