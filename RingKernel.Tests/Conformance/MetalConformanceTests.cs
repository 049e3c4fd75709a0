namespace RingKernel.Tests.Conformance;

/// <summary>The ring kernel conformance suite on Metal (macOS), ring kernels event-driven.</summary>
public sealed class MetalRingKernelConformanceTests(MetalRingBackend fixture) : RingKernelConformanceTests(fixture), IClassFixture<MetalRingBackend>;

/// <summary>The K2K conformance suite on Metal (macOS).</summary>
public sealed class MetalK2KConformanceTests(MetalRingBackend fixture) : K2KConformanceTests(fixture), IClassFixture<MetalRingBackend>;

/// <summary>The kernel actor conformance suite on Metal (macOS).</summary>
public sealed class MetalKernelActorConformanceTests(MetalRingBackend fixture) : KernelActorConformanceTests(fixture), IClassFixture<MetalRingBackend>;
