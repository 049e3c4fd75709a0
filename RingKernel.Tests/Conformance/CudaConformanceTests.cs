using RingKernel.Tests.Cuda;

namespace RingKernel.Tests.Conformance;

/// <summary>The ring kernel conformance suite on CUDA (persistent ring kernels), one device class at a time.</summary>
[Collection(CudaDeviceCollection.Name)]
public sealed class CudaRingKernelConformanceTests(CudaRingBackend fixture) : RingKernelConformanceTests(fixture), IClassFixture<CudaRingBackend>;

/// <summary>The K2K conformance suite on CUDA (persistent ring kernels), one device class at a time.</summary>
[Collection(CudaDeviceCollection.Name)]
public sealed class CudaK2KConformanceTests(CudaRingBackend fixture) : K2KConformanceTests(fixture), IClassFixture<CudaRingBackend>;

/// <summary>The kernel actor conformance suite on CUDA (persistent ring kernels), one device class at a time.</summary>
[Collection(CudaDeviceCollection.Name)]
public sealed class CudaKernelActorConformanceTests(CudaRingBackend fixture) : KernelActorConformanceTests(fixture), IClassFixture<CudaRingBackend>;
