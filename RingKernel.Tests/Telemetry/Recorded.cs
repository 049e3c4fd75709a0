namespace RingKernel.Tests.Telemetry;

/// <summary>One measurement: its instrument, value and attributes.</summary>
internal sealed record Recorded(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);
