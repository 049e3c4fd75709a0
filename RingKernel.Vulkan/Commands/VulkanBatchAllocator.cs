using System.Collections.Concurrent;
using RingKernel.Vulkan.Devices;
using RingKernel.Vulkan.Interop;
using RingKernel.Vulkan.Kernels;
using Silk.NET.Vulkan;

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
    private readonly CommandPool _commandPool;
    private readonly ConcurrentQueue<CommandBuffer> _freeCommandBuffers = new();

    public VulkanBatchAllocator(VulkanDevice device)
    {
        _device = device;
        _commandPool = VulkanCommandBuffers.CreatePool(device);
    }

    /// <summary>A batch whose command buffer (a free one, or a new one) has begun recording.</summary>
    public VulkanBatch NewBatch()
    {
        Vk vk = _device.Api;
        if (!_freeCommandBuffers.TryDequeue(out CommandBuffer commandBuffer))
            commandBuffer = VulkanCommandBuffers.Allocate(_device, _commandPool);
        else
            VulkanResults.Check(vk.ResetCommandBuffer(commandBuffer, 0), "vkResetCommandBuffer");

        VulkanCommandBuffers.Begin(_device, commandBuffer);
        return new VulkanBatch(commandBuffer);
    }

    /// <summary>Gives back a batch that was never submitted.</summary>
    public void Abandon(VulkanBatch batch)
    {
        _device.Api.EndCommandBuffer(batch.CommandBuffer);
        Release(batch);
    }

    /// <summary>Frees a batch's descriptor pools and keeps its command buffer for a later batch.</summary>
    public void Release(VulkanBatch batch)
    {
        foreach (DescriptorPool pool in batch.DescriptorPools)
            _device.Api.DestroyDescriptorPool(_device.Handle, pool, null);
        batch.DescriptorPools.Clear();
        if (batch.CommandBuffer.Handle != 0)
            _freeCommandBuffers.Enqueue(batch.CommandBuffer);
    }

    /// <summary>A descriptor set of <paramref name="setLayout"/> for <paramref name="buffers"/> storage buffers, from the batch's pools (a new pool when they are full).</summary>
    public DescriptorSet AllocateSet(VulkanBatch batch, DescriptorSetLayout setLayout, int buffers)
    {
        Vk vk = _device.Api;
        if (batch.DescriptorPools.Count == 0 || batch.SetsLeft == 0 || batch.BuffersLeft < buffers)
        {
            int descriptors = SetsPerDescriptorPool * VulkanKernelBody<object>.MaxStorageBuffers;
            var size = new DescriptorPoolSize { Type = DescriptorType.StorageBuffer, DescriptorCount = (uint)descriptors };
            var poolInfo = new DescriptorPoolCreateInfo { SType = StructureType.DescriptorPoolCreateInfo, MaxSets = SetsPerDescriptorPool, PoolSizeCount = 1, PPoolSizes = &size };
            DescriptorPool pool;
            VulkanResults.Check(vk.CreateDescriptorPool(_device.Handle, &poolInfo, null, &pool), "vkCreateDescriptorPool");
            batch.DescriptorPools.Add(pool);
            batch.SetsLeft = SetsPerDescriptorPool;
            batch.BuffersLeft = descriptors;
        }

        var allocate = new DescriptorSetAllocateInfo { SType = StructureType.DescriptorSetAllocateInfo, DescriptorPool = batch.DescriptorPools[^1], DescriptorSetCount = 1, PSetLayouts = &setLayout };
        DescriptorSet set;
        VulkanResults.Check(vk.AllocateDescriptorSets(_device.Handle, &allocate, &set), "vkAllocateDescriptorSets");
        batch.SetsLeft--;
        batch.BuffersLeft -= buffers;
        return set;
    }

    /// <summary>Destroys the command pool, and with it every command buffer; call once the device has finished the queue's work.</summary>
    public void DestroyCommandPool() => _device.Api.DestroyCommandPool(_device.Handle, _commandPool, null);
}
