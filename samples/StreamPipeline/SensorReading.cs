namespace RingKernel.Samples.StreamPipeline;

/// <summary>The <paramref name="Sequence"/>-th reading (from 1) of sensor <paramref name="SensorId"/>: 16 bytes, blittable.</summary>
public readonly record struct SensorReading(uint SensorId, uint Sequence, double Value)
{
    public const uint TypeId = 1;

    /// <summary>
    /// Reading <paramref name="index"/> of a stream that visits <paramref name="sensors"/> sensors in turn,
    /// with a value in [-50, 50) from a multiplicative hash of the index, so client and checks agree on every reading.
    /// </summary>
    public static SensorReading At(long index, int sensors)
    {
        uint hash = unchecked((uint)index * 2654435761u);
        return new SensorReading((uint)(index % sensors), (uint)(index / sensors) + 1, (hash % 10_000) / 100.0 - 50);
    }
}
