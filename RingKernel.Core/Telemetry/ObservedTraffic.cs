namespace RingKernel.Telemetry;

/// <summary>What the K2K instruments read from one fabric: the messages and payload bytes sent over its routes so far.</summary>
internal sealed record ObservedTraffic(Func<long> Messages, Func<long> Bytes);
