namespace RingKernel.Vulkan.Halo;

/// <summary>What one dispatch of the tiled stencil does: receive the halo of an epoch, compute steps (the first <paramref name="Phase"/> of the epoch done before), send the next epoch's halo.</summary>
internal readonly record struct VulkanHaloDispatch(uint CurrentLevel, uint Steps, uint ReceiveStep, uint SendStep, bool Receive, bool Send, uint Phase = 0);
