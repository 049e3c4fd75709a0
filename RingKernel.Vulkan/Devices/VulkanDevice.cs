using System.Collections.Concurrent;
using RingKernel.Vulkan.Interop;
using RingKernel.Vulkan.Memory;
using Silk.NET.Vulkan;

namespace RingKernel.Vulkan.Devices;

/// <summary>
/// A logical device with a compute queue (and a second queue of its family for copies where the
/// family has two; otherwise copies share the compute queue), the features the backend uses enabled (timeline
/// semaphores; buffer device addresses and 64-bit shader integers where the device has them), a
/// pipeline cache, and the buffers allocated on it, which it frees if they are
/// still alive when it is disposed.
/// </summary>
internal sealed unsafe class VulkanDevice : IDisposable
{
    private readonly ConcurrentDictionary<VulkanBuffer, byte> _buffers = new();
    private readonly Device _handle;
    private readonly PipelineCache _pipelineCache;
    private int _disposed;

    public VulkanDevice(VulkanInstance instance, VulkanPhysicalDevice physical)
    {
        Api = instance.Api;
        Physical = physical;
        QueueFamily = (uint)physical.ComputeQueueFamily;

        uint queueCount = (uint)Math.Min(2, physical.ComputeQueueCount);
        float* priorities = stackalloc float[2] { 1f, 1f };
        var queue = new DeviceQueueCreateInfo { SType = StructureType.DeviceQueueCreateInfo, QueueFamilyIndex = QueueFamily, QueueCount = queueCount, PQueuePriorities = priorities };
        var address = new PhysicalDeviceBufferDeviceAddressFeatures
        {
            SType = StructureType.PhysicalDeviceBufferDeviceAddressFeatures,
            BufferDeviceAddress = physical.SupportsBufferDeviceAddress,
        };
        var timeline = new PhysicalDeviceTimelineSemaphoreFeatures { SType = StructureType.PhysicalDeviceTimelineSemaphoreFeatures, PNext = &address, TimelineSemaphore = true };
        var features = new PhysicalDeviceFeatures { ShaderInt64 = physical.SupportsShaderInt64 };
        var create = new DeviceCreateInfo
        {
            SType = StructureType.DeviceCreateInfo,
            PNext = &timeline,
            QueueCreateInfoCount = 1,
            PQueueCreateInfos = &queue,
            PEnabledFeatures = &features,
        };
        Device handle;
        VulkanResults.Check(Api.CreateDevice(physical.Handle, &create, null, &handle), "vkCreateDevice");
        _handle = handle;

        Queue queueHandle;
        Api.GetDeviceQueue(handle, QueueFamily, 0, &queueHandle);
        Queue = queueHandle;
        if (queueCount > 1)
            Api.GetDeviceQueue(handle, QueueFamily, 1, &queueHandle);
        CopyQueue = queueHandle;
        CopyQueueGate = queueCount > 1 ? new Lock() : QueueGate;

        var cacheInfo = new PipelineCacheCreateInfo { SType = StructureType.PipelineCacheCreateInfo };
        PipelineCache cache;
        VulkanResults.Check(Api.CreatePipelineCache(handle, &cacheInfo, null, &cache), "vkCreatePipelineCache");
        _pipelineCache = cache;
    }

    public Device Handle => _handle;

    /// <summary>The Vulkan commands (Silk.NET), shared with the instance.</summary>
    public Vk Api { get; }

    public VulkanPhysicalDevice Physical { get; }

    public uint QueueFamily { get; }

    public Queue Queue { get; }

    /// <summary>The queue copy queues submit to: a second queue of <see cref="QueueFamily"/>, or <see cref="Queue"/> when the family has one.</summary>
    public Queue CopyQueue { get; }

    /// <summary>Held around every vkQueueSubmit to <see cref="Queue"/>, which Vulkan requires to be externally synchronised.</summary>
    public Lock QueueGate { get; } = new();

    /// <summary>Held around every vkQueueSubmit to <see cref="CopyQueue"/> (the same lock as <see cref="QueueGate"/> when the queues are one).</summary>
    public Lock CopyQueueGate { get; }

    /// <summary>Shared by every pipeline the device compiles, so a pipeline built twice (another workgroup shape of the same module, say) is cheaper.</summary>
    public PipelineCache PipelineCache => _pipelineCache;

    /// <summary>
    /// The first memory type allowed by <paramref name="allowedTypes"/> with every flag of
    /// <paramref name="required"/>, preferring one that also has <paramref name="preferred"/>; -1 when none has them.
    /// </summary>
    public int FindMemoryType(uint allowedTypes, MemoryPropertyFlags required, MemoryPropertyFlags preferred)
    {
        PhysicalDeviceMemoryProperties memory = Physical.MemoryProperties;
        int fallback = -1;
        for (int i = 0; i < (int)memory.MemoryTypeCount; i++)
        {
            MemoryPropertyFlags flags = memory.MemoryTypes[i].PropertyFlags;
            if ((allowedTypes & (1u << i)) == 0 || (flags & required) != required)
                continue;
            if ((flags & preferred) == preferred)
                return i;
            if (fallback < 0)
                fallback = i;
        }

        return fallback;
    }

    public MemoryPropertyFlags MemoryTypeFlags(int index) => Physical.MemoryProperties.MemoryTypes[index].PropertyFlags;

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public void Track(VulkanBuffer buffer) => _buffers.TryAdd(buffer, 0);

    /// <summary>True when <paramref name="buffer"/> was alive on the device, so its handles still need freeing.</summary>
    public bool Untrack(VulkanBuffer buffer) => _buffers.TryRemove(buffer, out _);

    /// <summary>Waits for the queue, frees the buffers still alive, then destroys the device.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        Api.DeviceWaitIdle(_handle);
        foreach (VulkanBuffer buffer in _buffers.Keys)
            buffer.Dispose();
        Api.DestroyPipelineCache(_handle, _pipelineCache, null);
        Api.DestroyDevice(_handle, null);
    }
}
