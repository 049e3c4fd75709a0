using System.Reflection;
using System.Runtime.InteropServices;

namespace RingKernel.Vulkan.Interop;

/// <summary>
/// The one place the Vulkan loader library is found: a DllImport resolver for this assembly maps
/// <see cref="Name"/> to the platform's loader (libvulkan.so.1 on Linux). Only the three commands
/// the loader exports globally are imported here; every other command is a function pointer from
/// vkGetInstanceProcAddr or vkGetDeviceProcAddr (<see cref="InstanceFunctions"/>, <see cref="DeviceFunctions"/>).
/// </summary>
internal static unsafe partial class VulkanLibrary
{
    /// <summary>The library name the imports use; the resolver turns it into a file.</summary>
    public const string Name = "vulkan";

    /// <summary>What to install when the loader or a driver is missing.</summary>
    public const string InstallHint = "install a Vulkan driver: apt-get install libvulkan1 mesa-vulkan-drivers (Debian/Ubuntu; lavapipe runs Vulkan on the CPU), or your GPU's Vulkan driver";

    private static readonly string[] Candidates =
        OperatingSystem.IsWindows() ? ["vulkan-1.dll"]
        : OperatingSystem.IsMacOS() ? ["libvulkan.1.dylib", "libMoltenVK.dylib"]
        : ["libvulkan.so.1", "libvulkan.so"];

    private static readonly nint Handle;
    private static readonly string? LoadFailure;

    static VulkanLibrary()
    {
        foreach (string candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, typeof(VulkanLibrary).Assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.System32, out Handle))
                break;
        }

        if (Handle == 0)
            LoadFailure = $"the Vulkan loader ({string.Join(" or ", Candidates)}) was not found: {InstallHint}";
        NativeLibrary.SetDllImportResolver(typeof(VulkanLibrary).Assembly, Resolve);
    }

    /// <summary>True when the loader library is present; <paramref name="reason"/> says what is missing otherwise.</summary>
    public static bool TryLoad(out string? reason)
    {
        reason = LoadFailure;
        return Handle != 0;
    }

    [LibraryImport(Name, EntryPoint = "vkGetInstanceProcAddr")]
    public static partial nint GetInstanceProcAddr(nint instance, byte* name);

    [LibraryImport(Name, EntryPoint = "vkEnumerateInstanceVersion")]
    public static partial VkResult EnumerateInstanceVersion(uint* apiVersion);

    [LibraryImport(Name, EntryPoint = "vkCreateInstance")]
    public static partial VkResult CreateInstance(VkInstanceCreateInfo* createInfo, void* allocator, nint* instance);

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != Name)
            return 0;
        if (Handle == 0)
            throw new DllNotFoundException($"The Vulkan backend cannot run: {LoadFailure}.");
        return Handle;
    }
}
