using System.Text;
using RingKernel.Vulkan.Interop;

namespace RingKernel.Vulkan.Devices;

/// <summary>A VkInstance (Vulkan 1.3 requested, no layers or extensions) and the physical devices it enumerates.</summary>
internal sealed unsafe class VulkanInstance : IDisposable
{
    private static readonly byte[] EngineName = Encoding.UTF8.GetBytes("RingKernel\0");

    private nint _handle;

    /// <summary>Creates the instance; <see cref="VulkanLibrary.TryLoad"/> must have succeeded.</summary>
    public VulkanInstance()
    {
        uint loaderVersion = VkConstants.ApiVersion12;
        VulkanResults.Check(VulkanLibrary.EnumerateInstanceVersion(&loaderVersion), "vkEnumerateInstanceVersion");
        if (loaderVersion < VkConstants.ApiVersion12)
            throw new NotSupportedException($"The Vulkan loader implements Vulkan {VkConstants.MajorVersion(loaderVersion)}.{VkConstants.MinorVersion(loaderVersion)}; the backend needs 1.2.");

        fixed (byte* engine = EngineName)
        {
            var application = new VkApplicationInfo
            {
                SType = VkStructureType.ApplicationInfo,
                PApplicationName = engine,
                PEngineName = engine,
                ApiVersion = Math.Min(loaderVersion, VkConstants.ApiVersion13),
            };
            var create = new VkInstanceCreateInfo { SType = VkStructureType.InstanceCreateInfo, PApplicationInfo = &application };
            nint handle;
            VulkanResults.Check(VulkanLibrary.CreateInstance(&create, null, &handle), "vkCreateInstance");
            _handle = handle;
        }

        Functions = new InstanceFunctions(_handle);
        PhysicalDevices = EnumeratePhysicalDevices();
    }

    public nint Handle => _handle;

    public InstanceFunctions Functions { get; }

    public IReadOnlyList<VulkanPhysicalDevice> PhysicalDevices { get; }

    public void Dispose()
    {
        nint handle = Interlocked.Exchange(ref _handle, 0);
        if (handle != 0)
            Functions.DestroyInstance(handle, null);
    }

    private VulkanPhysicalDevice[] EnumeratePhysicalDevices()
    {
        uint count = 0;
        VulkanResults.Check(Functions.EnumeratePhysicalDevices(_handle, &count, null), "vkEnumeratePhysicalDevices");
        var handles = new nint[count];
        fixed (nint* pointer = handles)
            VulkanResults.Check(Functions.EnumeratePhysicalDevices(_handle, &count, pointer), "vkEnumeratePhysicalDevices");
        var devices = new VulkanPhysicalDevice[count];
        for (int i = 0; i < devices.Length; i++)
            devices[i] = new VulkanPhysicalDevice(Functions, handles[i], i);
        return devices;
    }
}
