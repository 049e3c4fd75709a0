using System.Collections.Concurrent;
using RingKernel.Vulkan.Interop;
using RingKernel.Vulkan.Memory;

namespace RingKernel.Vulkan.Devices;

/// <summary>
/// A logical device with one compute queue, the features the backend uses enabled (timeline
/// semaphores; buffer device addresses and 64-bit shader integers where the device has them), its
/// command table, a pipeline cache, and the buffers allocated on it, which it frees if they are
/// still alive when it is disposed.
/// </summary>
internal sealed unsafe class VulkanDevice : IDisposable
{
    private readonly ConcurrentDictionary<VulkanBuffer, byte> _buffers = new();
    private readonly nint _handle;
    private readonly ulong _pipelineCache;
    private int _disposed;

    public VulkanDevice(VulkanInstance instance, VulkanPhysicalDevice physical)
    {
        Physical = physical;
        QueueFamily = (uint)physical.ComputeQueueFamily;

        float priority = 1f;
        var queue = new VkDeviceQueueCreateInfo { SType = VkStructureType.DeviceQueueCreateInfo, QueueFamilyIndex = QueueFamily, QueueCount = 1, PQueuePriorities = &priority };
        var address = new VkPhysicalDeviceBufferDeviceAddressFeatures
        {
            SType = VkStructureType.PhysicalDeviceBufferDeviceAddressFeatures,
            BufferDeviceAddress = physical.SupportsBufferDeviceAddress ? 1u : 0u,
        };
        var timeline = new VkPhysicalDeviceTimelineSemaphoreFeatures { SType = VkStructureType.PhysicalDeviceTimelineSemaphoreFeatures, PNext = &address, TimelineSemaphore = 1 };
        var features = default(VkPhysicalDeviceFeatures);
        features.ShaderInt64 = physical.SupportsShaderInt64 ? 1u : 0u;
        var create = new VkDeviceCreateInfo
        {
            SType = VkStructureType.DeviceCreateInfo,
            PNext = &timeline,
            QueueCreateInfoCount = 1,
            PQueueCreateInfos = &queue,
            PEnabledFeatures = &features,
        };
        nint handle;
        VulkanResults.Check(instance.Functions.CreateDevice(physical.Handle, &create, null, &handle), "vkCreateDevice");
        _handle = handle;
        Functions = new DeviceFunctions(instance.Functions, handle);

        nint queueHandle;
        Functions.GetDeviceQueue(handle, QueueFamily, 0, &queueHandle);
        Queue = queueHandle;

        var cacheInfo = new VkPipelineCacheCreateInfo { SType = VkStructureType.PipelineCacheCreateInfo };
        ulong cache;
        Check(Functions.CreatePipelineCache(handle, &cacheInfo, null, &cache), "vkCreatePipelineCache");
        _pipelineCache = cache;
    }

    public nint Handle => _handle;

    public VulkanPhysicalDevice Physical { get; }

    public DeviceFunctions Functions { get; }

    public uint QueueFamily { get; }

    public nint Queue { get; }

    /// <summary>Shared by every pipeline the device compiles, so a pipeline built twice (another workgroup shape of the same module, say) is cheaper.</summary>
    public ulong PipelineCache => _pipelineCache;

    public static void Check(VkResult result, string command) => VulkanResults.Check(result, command);

    /// <summary>
    /// The first memory type allowed by <paramref name="allowedTypes"/> with every flag of
    /// <paramref name="required"/>, preferring one that also has <paramref name="preferred"/>; -1 when none has them.
    /// </summary>
    public int FindMemoryType(uint allowedTypes, uint required, uint preferred)
    {
        VkPhysicalDeviceMemoryProperties memory = Physical.MemoryProperties;
        int fallback = -1;
        for (int i = 0; i < (int)memory.MemoryTypeCount; i++)
        {
            uint flags = memory.MemoryType(i).PropertyFlags;
            if ((allowedTypes & (1u << i)) == 0 || (flags & required) != required)
                continue;
            if ((flags & preferred) == preferred)
                return i;
            if (fallback < 0)
                fallback = i;
        }

        return fallback;
    }

    public uint MemoryTypeFlags(int index) => Physical.MemoryProperties.MemoryType(index).PropertyFlags;

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public void Track(VulkanBuffer buffer) => _buffers.TryAdd(buffer, 0);

    /// <summary>True when <paramref name="buffer"/> was alive on the device, so its handles still need freeing.</summary>
    public bool Untrack(VulkanBuffer buffer) => _buffers.TryRemove(buffer, out _);

    /// <summary>Waits for the queue, frees the buffers still alive, then destroys the device.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        Functions.DeviceWaitIdle(_handle);
        foreach (VulkanBuffer buffer in _buffers.Keys)
            buffer.Dispose();
        Functions.DestroyPipelineCache(_handle, _pipelineCache, null);
        Functions.DestroyDevice(_handle, null);
    }
}
