namespace RingKernel.Tests.Conformance;

/// <summary>The ring kernel conformance suite on the CPU backend, the reference.</summary>
public sealed class CpuRingKernelConformanceTests(CpuRingBackend fixture) : RingKernelConformanceTests(fixture), IClassFixture<CpuRingBackend>;

/// <summary>The K2K conformance suite on the CPU backend.</summary>
public sealed class CpuK2KConformanceTests(CpuRingBackend fixture) : K2KConformanceTests(fixture), IClassFixture<CpuRingBackend>;

/// <summary>The kernel actor conformance suite on the CPU backend.</summary>
public sealed class CpuKernelActorConformanceTests(CpuRingBackend fixture) : KernelActorConformanceTests(fixture), IClassFixture<CpuRingBackend>;
