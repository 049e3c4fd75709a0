namespace RingKernel.Tests.Conformance;

/// <summary>The ring kernel conformance suite on the CUDA bodies' device code built for the host.</summary>
public sealed class HostBuiltCudaRingKernelConformanceTests(HostBuiltCudaRingBackend fixture) : RingKernelConformanceTests(fixture), IClassFixture<HostBuiltCudaRingBackend>;

/// <summary>The K2K conformance suite on the CUDA bodies' device code built for the host.</summary>
public sealed class HostBuiltCudaK2KConformanceTests(HostBuiltCudaRingBackend fixture) : K2KConformanceTests(fixture), IClassFixture<HostBuiltCudaRingBackend>;
