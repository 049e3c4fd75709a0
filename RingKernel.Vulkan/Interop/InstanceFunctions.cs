using System.Text;

namespace RingKernel.Vulkan.Interop;

/// <summary>The instance-level commands, loaded once per instance through vkGetInstanceProcAddr.</summary>
internal sealed unsafe class InstanceFunctions
{
    public InstanceFunctions(nint instance)
    {
        DestroyInstance = (delegate* unmanaged<nint, void*, void>)Load(instance, "vkDestroyInstance");
        EnumeratePhysicalDevices = (delegate* unmanaged<nint, uint*, nint*, VkResult>)Load(instance, "vkEnumeratePhysicalDevices");
        GetPhysicalDeviceProperties = (delegate* unmanaged<nint, VkPhysicalDeviceProperties*, void>)Load(instance, "vkGetPhysicalDeviceProperties");
        GetPhysicalDeviceFeatures2 = (delegate* unmanaged<nint, VkPhysicalDeviceFeatures2*, void>)Load(instance, "vkGetPhysicalDeviceFeatures2");
        GetPhysicalDeviceQueueFamilyProperties = (delegate* unmanaged<nint, uint*, VkQueueFamilyProperties*, void>)Load(instance, "vkGetPhysicalDeviceQueueFamilyProperties");
        GetPhysicalDeviceMemoryProperties = (delegate* unmanaged<nint, VkPhysicalDeviceMemoryProperties*, void>)Load(instance, "vkGetPhysicalDeviceMemoryProperties");
        CreateDevice = (delegate* unmanaged<nint, VkDeviceCreateInfo*, void*, nint*, VkResult>)Load(instance, "vkCreateDevice");
        GetDeviceProcAddr = (delegate* unmanaged<nint, byte*, nint>)Load(instance, "vkGetDeviceProcAddr");
    }

    public delegate* unmanaged<nint, void*, void> DestroyInstance { get; }

    public delegate* unmanaged<nint, uint*, nint*, VkResult> EnumeratePhysicalDevices { get; }

    public delegate* unmanaged<nint, VkPhysicalDeviceProperties*, void> GetPhysicalDeviceProperties { get; }

    public delegate* unmanaged<nint, VkPhysicalDeviceFeatures2*, void> GetPhysicalDeviceFeatures2 { get; }

    public delegate* unmanaged<nint, uint*, VkQueueFamilyProperties*, void> GetPhysicalDeviceQueueFamilyProperties { get; }

    public delegate* unmanaged<nint, VkPhysicalDeviceMemoryProperties*, void> GetPhysicalDeviceMemoryProperties { get; }

    public delegate* unmanaged<nint, VkDeviceCreateInfo*, void*, nint*, VkResult> CreateDevice { get; }

    public delegate* unmanaged<nint, byte*, nint> GetDeviceProcAddr { get; }

    /// <summary>The address of command <paramref name="name"/>; throws when the loader has none (a driver older than Vulkan 1.2).</summary>
    public static nint Load(nint instance, string name)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(name + '\0');
        fixed (byte* pointer = utf8)
        {
            nint address = VulkanLibrary.GetInstanceProcAddr(instance, pointer);
            return address != 0 ? address : throw new EntryPointNotFoundException($"The Vulkan loader has no {name}; the backend needs Vulkan 1.2.");
        }
    }
}
