namespace RingKernel.Vulkan.Halo;

/// <summary>What one dispatch of the tiled stencil does: receive the halo of an epoch, compute steps, send the next epoch's halo.</summary>
internal readonly record struct VulkanHaloDispatch(uint CurrentLevel, uint Steps, uint ReceiveStep, uint SendStep, bool Receive, bool Send);
