using Silk.NET.Vulkan;

namespace RingKernel.Vulkan.Interop;

/// <summary>
/// The one place the Vulkan loader is found: Silk.NET's <see cref="Vk"/> over the platform's loader
/// library (libvulkan.so.1 on Linux), loaded once per process, and what to say when it is missing.
/// One <see cref="Vk"/> serves every instance and device: the commands the backend calls are all
/// core Vulkan 1.2, which the loader exports and dispatches on the handle passed.
/// </summary>
internal static class VulkanLibrary
{
    /// <summary>What to install when the loader or a driver is missing.</summary>
    public const string InstallHint = "install a Vulkan driver: apt-get install libvulkan1 mesa-vulkan-drivers (Debian/Ubuntu; lavapipe runs Vulkan on the CPU), or your GPU's Vulkan driver";

    private static readonly Lazy<(Vk? Api, string? Failure)> Loaded = new(Load);

    /// <summary>The bindings; throws when the loader library is missing (<see cref="TryLoad"/> says why).</summary>
    public static Vk Api => Loaded.Value.Api ?? throw new DllNotFoundException($"The Vulkan backend cannot run: {Loaded.Value.Failure}.");

    /// <summary>True when the loader library is present; <paramref name="reason"/> says what is missing otherwise.</summary>
    public static bool TryLoad(out string? reason)
    {
        reason = Loaded.Value.Failure;
        return Loaded.Value.Api is not null;
    }

    private static (Vk? Api, string? Failure) Load()
    {
        try
        {
            return (Vk.GetApi(), null);
        }
        catch (Exception e) when (e is FileNotFoundException or DllNotFoundException or BadImageFormatException)
        {
            // Silk.NET throws FileNotFoundException when none of the platform's loader names loads.
            return (null, $"the Vulkan loader (libvulkan.so.1, vulkan-1.dll or libvulkan.1.dylib) could not be loaded: {InstallHint}");
        }
    }
}
