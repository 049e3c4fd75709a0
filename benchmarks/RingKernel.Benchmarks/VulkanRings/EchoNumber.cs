namespace RingKernel.Benchmarks.VulkanRings;

/// <summary>The 8-byte payload the ring kernel benchmarks echo.</summary>
public readonly record struct EchoNumber(long Value);
