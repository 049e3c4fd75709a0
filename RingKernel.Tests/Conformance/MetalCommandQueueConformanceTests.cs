namespace RingKernel.Tests.Conformance;

/// <summary>The command-queue conformance suite on Metal queues (shared events), macOS only.</summary>
public sealed class MetalCommandQueueConformanceTests(MetalQueueBackend fixture) : CommandQueueConformanceTests(fixture), IClassFixture<MetalQueueBackend>;
