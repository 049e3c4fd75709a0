namespace RingKernel.Tests.Conformance;

/// <summary>The command-queue conformance suite on CPU queues, the reference.</summary>
public sealed class CpuCommandQueueConformanceTests(CpuQueueBackend fixture) : CommandQueueConformanceTests(fixture), IClassFixture<CpuQueueBackend>;
