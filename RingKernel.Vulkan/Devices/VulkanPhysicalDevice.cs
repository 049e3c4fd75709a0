using System.Text;
using Silk.NET.Core;
using Silk.NET.Vulkan;

namespace RingKernel.Vulkan.Devices;

/// <summary>
/// What the backend needs to know about one physical device: its description, the queue family it
/// would compute on, the optional features it has, its limits and memory types.
/// </summary>
internal sealed unsafe class VulkanPhysicalDevice
{
    public VulkanPhysicalDevice(Vk api, PhysicalDevice handle, int index)
    {
        Handle = handle;
        PhysicalDeviceProperties properties;
        api.GetPhysicalDeviceProperties(handle, &properties);
        Limits = properties.Limits;

        PhysicalDeviceMemoryProperties memory;
        api.GetPhysicalDeviceMemoryProperties(handle, &memory);
        MemoryProperties = memory;

        (ComputeQueueFamily, ComputeQueueCount) = FindComputeQueueFamily(api, handle);

        var version = (Version32)properties.ApiVersion;
        bool atLeast12 = properties.ApiVersion >= Vk.Version12;
        bool timeline = false;
        if (atLeast12)
        {
            // Features2 is core in 1.1; the 1.2 feature structs may only be chained on a 1.2 device.
            var address = new PhysicalDeviceBufferDeviceAddressFeatures { SType = StructureType.PhysicalDeviceBufferDeviceAddressFeatures };
            var timelineFeatures = new PhysicalDeviceTimelineSemaphoreFeatures { SType = StructureType.PhysicalDeviceTimelineSemaphoreFeatures, PNext = &address };
            var features = new PhysicalDeviceFeatures2 { SType = StructureType.PhysicalDeviceFeatures2, PNext = &timelineFeatures };
            api.GetPhysicalDeviceFeatures2(handle, &features);
            timeline = timelineFeatures.TimelineSemaphore;
            SupportsBufferDeviceAddress = address.BufferDeviceAddress;
            SupportsShaderInt64 = features.Features.ShaderInt64;
        }

        string? unsuitable =
            !atLeast12 ? $"Vulkan {version.Major}.{version.Minor} is older than 1.2"
            : ComputeQueueFamily < 0 ? "it has no compute queue"
            : !timeline ? "it lacks timeline semaphores"
            : null;
        Info = new VulkanDeviceInfo(index, ReadName(properties.DeviceName), (VulkanDeviceType)properties.DeviceType,
            new Version((int)version.Major, (int)version.Minor, (int)version.Patch), properties.VendorID, properties.DeviceID, unsuitable);
    }

    public PhysicalDevice Handle { get; }

    public VulkanDeviceInfo Info { get; }

    /// <summary>The first queue family with compute; -1 when there is none.</summary>
    public int ComputeQueueFamily { get; }

    /// <summary>How many queues <see cref="ComputeQueueFamily"/> offers.</summary>
    public int ComputeQueueCount { get; }

    /// <summary>VkPhysicalDeviceBufferDeviceAddressFeatures.bufferDeviceAddress (core in 1.2, optional).</summary>
    public bool SupportsBufferDeviceAddress { get; }

    /// <summary>64-bit integers in shaders, which the generated layouts use.</summary>
    public bool SupportsShaderInt64 { get; }

    public PhysicalDeviceLimits Limits { get; }

    public PhysicalDeviceMemoryProperties MemoryProperties { get; }

    private static (int Family, int Queues) FindComputeQueueFamily(Vk api, PhysicalDevice handle)
    {
        uint count = 0;
        api.GetPhysicalDeviceQueueFamilyProperties(handle, &count, null);
        var families = new QueueFamilyProperties[count];
        fixed (QueueFamilyProperties* pointer = families)
            api.GetPhysicalDeviceQueueFamilyProperties(handle, &count, pointer);
        for (int i = 0; i < (int)count; i++)
        {
            if ((families[i].QueueFlags & QueueFlags.ComputeBit) != 0 && families[i].QueueCount > 0)
                return (i, (int)families[i].QueueCount);
        }

        return (-1, 0);
    }

    private static string ReadName(byte* name)
    {
        var span = new ReadOnlySpan<byte>(name, (int)Vk.MaxPhysicalDeviceNameSize);
        int end = span.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }
}
