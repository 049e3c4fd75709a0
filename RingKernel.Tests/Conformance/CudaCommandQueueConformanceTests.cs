using RingKernel.Tests.Cuda;

namespace RingKernel.Tests.Conformance;

/// <summary>The command-queue conformance suite on CUDA queues (a stream each), one device class at a time.</summary>
[Collection(CudaDeviceCollection.Name)]
public sealed class CudaCommandQueueConformanceTests(CudaQueueBackend fixture) : CommandQueueConformanceTests(fixture), IClassFixture<CudaQueueBackend>;
