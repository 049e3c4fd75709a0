using System.Text;
using RingKernel.Vulkan.Interop;

namespace RingKernel.Vulkan.Devices;

/// <summary>
/// What the backend needs to know about one physical device: its description, the queue family it
/// would compute on, the optional features it has, its limits and memory types.
/// </summary>
internal sealed unsafe class VulkanPhysicalDevice
{
    public VulkanPhysicalDevice(InstanceFunctions functions, nint handle, int index)
    {
        Handle = handle;
        VkPhysicalDeviceProperties properties;
        functions.GetPhysicalDeviceProperties(handle, &properties);
        Limits = properties.Limits;

        VkPhysicalDeviceMemoryProperties memory;
        functions.GetPhysicalDeviceMemoryProperties(handle, &memory);
        MemoryProperties = memory;

        (ComputeQueueFamily, ComputeQueueCount) = FindComputeQueueFamily(functions, handle);

        bool atLeast12 = properties.ApiVersion >= VkConstants.ApiVersion12;
        bool timeline = false;
        if (atLeast12)
        {
            // Features2 is core in 1.1; the 1.2 feature structs may only be chained on a 1.2 device.
            var address = new VkPhysicalDeviceBufferDeviceAddressFeatures { SType = VkStructureType.PhysicalDeviceBufferDeviceAddressFeatures };
            var timelineFeatures = new VkPhysicalDeviceTimelineSemaphoreFeatures { SType = VkStructureType.PhysicalDeviceTimelineSemaphoreFeatures, PNext = &address };
            var features = new VkPhysicalDeviceFeatures2 { SType = VkStructureType.PhysicalDeviceFeatures2, PNext = &timelineFeatures };
            functions.GetPhysicalDeviceFeatures2(handle, &features);
            timeline = timelineFeatures.TimelineSemaphore != 0;
            SupportsBufferDeviceAddress = address.BufferDeviceAddress != 0;
            SupportsShaderInt64 = features.Features.ShaderInt64 != 0;
        }

        string? unsuitable =
            !atLeast12 ? $"Vulkan {Describe(properties.ApiVersion)} is older than 1.2"
            : ComputeQueueFamily < 0 ? "it has no compute queue"
            : !timeline ? "it lacks timeline semaphores"
            : null;
        Info = new VulkanDeviceInfo(index, ReadName(properties.DeviceName), (VulkanDeviceType)properties.DeviceType,
            new Version((int)VkConstants.MajorVersion(properties.ApiVersion), (int)VkConstants.MinorVersion(properties.ApiVersion), (int)VkConstants.PatchVersion(properties.ApiVersion)),
            properties.VendorId, properties.DeviceId, unsuitable);
    }

    public nint Handle { get; }

    public VulkanDeviceInfo Info { get; }

    /// <summary>The first queue family with compute; -1 when there is none.</summary>
    public int ComputeQueueFamily { get; }

    /// <summary>How many queues <see cref="ComputeQueueFamily"/> offers.</summary>
    public int ComputeQueueCount { get; }

    /// <summary>VkPhysicalDeviceBufferDeviceAddressFeatures.bufferDeviceAddress (core in 1.2, optional).</summary>
    public bool SupportsBufferDeviceAddress { get; }

    /// <summary>64-bit integers in shaders, which the generated layouts use.</summary>
    public bool SupportsShaderInt64 { get; }

    public VkPhysicalDeviceLimits Limits { get; }

    public VkPhysicalDeviceMemoryProperties MemoryProperties { get; }

    private static (int Family, int Queues) FindComputeQueueFamily(InstanceFunctions functions, nint handle)
    {
        uint count = 0;
        functions.GetPhysicalDeviceQueueFamilyProperties(handle, &count, null);
        var families = new VkQueueFamilyProperties[count];
        fixed (VkQueueFamilyProperties* pointer = families)
            functions.GetPhysicalDeviceQueueFamilyProperties(handle, &count, pointer);
        for (int i = 0; i < (int)count; i++)
        {
            if ((families[i].QueueFlags & VkConstants.QueueCompute) != 0 && families[i].QueueCount > 0)
                return (i, (int)families[i].QueueCount);
        }

        return (-1, 0);
    }

    private static string ReadName(byte* name)
    {
        var span = new ReadOnlySpan<byte>(name, VkPhysicalDeviceProperties.MaxNameSize);
        int end = span.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }

    private static string Describe(uint version) =>
        $"{VkConstants.MajorVersion(version)}.{VkConstants.MinorVersion(version)}";
}
