namespace RingKernel.Tests.Conformance;

/// <summary>The ring kernel conformance suite on Vulkan, ring kernels event-driven.</summary>
public sealed class VulkanRingKernelConformanceTests(VulkanRingBackend fixture) : RingKernelConformanceTests(fixture), IClassFixture<VulkanRingBackend>;

/// <summary>The K2K conformance suite on Vulkan, ring kernels event-driven.</summary>
public sealed class VulkanK2KConformanceTests(VulkanRingBackend fixture) : K2KConformanceTests(fixture), IClassFixture<VulkanRingBackend>;

/// <summary>The ring kernel conformance suite on Vulkan, ring kernels bounded persistent.</summary>
public sealed class VulkanPersistentRingKernelConformanceTests(VulkanPersistentRingBackend fixture) : RingKernelConformanceTests(fixture), IClassFixture<VulkanPersistentRingBackend>;

/// <summary>The K2K conformance suite on Vulkan, ring kernels bounded persistent.</summary>
public sealed class VulkanPersistentK2KConformanceTests(VulkanPersistentRingBackend fixture) : K2KConformanceTests(fixture), IClassFixture<VulkanPersistentRingBackend>;

/// <summary>The kernel actor conformance suite on Vulkan, ring kernels event-driven.</summary>
public sealed class VulkanKernelActorConformanceTests(VulkanRingBackend fixture) : KernelActorConformanceTests(fixture), IClassFixture<VulkanRingBackend>;

/// <summary>The kernel actor conformance suite on Vulkan, ring kernels bounded persistent.</summary>
public sealed class VulkanPersistentKernelActorConformanceTests(VulkanPersistentRingBackend fixture) : KernelActorConformanceTests(fixture), IClassFixture<VulkanPersistentRingBackend>;
