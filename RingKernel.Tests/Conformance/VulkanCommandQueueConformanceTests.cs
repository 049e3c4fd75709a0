namespace RingKernel.Tests.Conformance;

/// <summary>The command-queue conformance suite on Vulkan queues (timeline semaphores).</summary>
public sealed class VulkanCommandQueueConformanceTests(VulkanQueueBackend fixture) : CommandQueueConformanceTests(fixture), IClassFixture<VulkanQueueBackend>;
