using RingKernel.Vulkan.Interop;
using Silk.NET.Core;
using Silk.NET.Vulkan;

namespace RingKernel.Vulkan.Devices;

/// <summary>A VkInstance (Vulkan 1.3 requested, no layers or extensions) and the physical devices it enumerates.</summary>
internal sealed unsafe class VulkanInstance : IDisposable
{
    private static readonly byte[] EngineName = "RingKernel\0"u8.ToArray();

    private Instance _handle;

    /// <summary>Creates the instance; <see cref="VulkanLibrary.TryLoad"/> must have succeeded.</summary>
    public VulkanInstance()
    {
        Api = VulkanLibrary.Api;
        uint loaderVersion = Vk.Version12;
        VulkanResults.Check(Api.EnumerateInstanceVersion(&loaderVersion), "vkEnumerateInstanceVersion");
        if (loaderVersion < Vk.Version12)
            throw new NotSupportedException($"The Vulkan loader implements Vulkan {((Version)(Version32)loaderVersion).ToString(2)}; the backend needs 1.2.");

        fixed (byte* engine = EngineName)
        {
            var application = new ApplicationInfo
            {
                SType = StructureType.ApplicationInfo,
                PApplicationName = engine,
                PEngineName = engine,
                ApiVersion = Math.Min(loaderVersion, Vk.Version13),
            };
            var create = new InstanceCreateInfo { SType = StructureType.InstanceCreateInfo, PApplicationInfo = &application };
            Instance handle;
            VulkanResults.Check(Api.CreateInstance(&create, null, &handle), "vkCreateInstance");
            _handle = handle;
        }

        PhysicalDevices = EnumeratePhysicalDevices();
    }

    public Instance Handle => _handle;

    public Vk Api { get; }

    public IReadOnlyList<VulkanPhysicalDevice> PhysicalDevices { get; }

    public void Dispose()
    {
        nint handle = Interlocked.Exchange(ref _handle.Handle, 0);
        if (handle != 0)
            Api.DestroyInstance(new Instance(handle), null);
    }

    private VulkanPhysicalDevice[] EnumeratePhysicalDevices()
    {
        uint count = 0;
        VulkanResults.Check(Api.EnumeratePhysicalDevices(_handle, &count, null), "vkEnumeratePhysicalDevices");
        var handles = new PhysicalDevice[count];
        fixed (PhysicalDevice* pointer = handles)
            VulkanResults.Check(Api.EnumeratePhysicalDevices(_handle, &count, pointer), "vkEnumeratePhysicalDevices");
        var devices = new VulkanPhysicalDevice[count];
        for (int i = 0; i < devices.Length; i++)
            devices[i] = new VulkanPhysicalDevice(Api, handles[i], i);
        return devices;
    }
}
