using RingKernel.Vulkan;

namespace RingKernel.Tests.Vulkan;

/// <summary>Where a test needs a Vulkan device: skips with the backend's own reason on a machine without one.</summary>
internal static class VulkanFacts
{
    public static void SkipUnlessAvailable() =>
        Skip.IfNot(VulkanBackend.IsAvailable, $"Vulkan is not available here: {VulkanBackend.UnavailableReason}");
}
