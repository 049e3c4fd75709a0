namespace RingKernel.Samples.StreamPipeline;

/// <summary>A sensor's rolling statistics after its <see cref="Count"/>-th reading: 48 bytes, blittable.</summary>
public readonly record struct SensorStats(uint SensorId, long Count, double Sum, double Min, double Max, double Ewma)
{
    public const uint TypeId = 2;

    /// <summary>Weight of the newest reading in <see cref="Ewma"/>, the exponentially weighted moving average.</summary>
    public const double Smoothing = 1.0 / 16;

    public double Mean => Sum / Count;

    /// <summary>These statistics with one more reading.</summary>
    public SensorStats With(double value) =>
        Count == 0
            ? new SensorStats(SensorId, 1, value, value, value, value)
            : new SensorStats(SensorId, Count + 1, Sum + value, Math.Min(Min, value), Math.Max(Max, value), Ewma + (Smoothing * (value - Ewma)));
}
