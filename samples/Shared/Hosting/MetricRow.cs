namespace RingKernel.Samples.Hosting;

/// <summary>One line of the metrics table: an instrument, the attributes its measurements share, how many instances were summed, and the value.</summary>
public sealed record MetricRow(string Instrument, string Attributes, int Instances, string Value, string Unit);
