namespace RingKernel.Samples.StreamPipeline;

/// <summary>
/// The rolling statistics of every sensor: the state of the kernel, of the channel baseline in the
/// benchmark, and of the client's own check, which update it with the same readings in the same order.
/// </summary>
public sealed class SensorStatistics
{
    private readonly SensorStats[] _sensors;

    public SensorStatistics(int sensors)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sensors);
        _sensors = new SensorStats[sensors];
        for (int i = 0; i < sensors; i++)
            _sensors[i] = new SensorStats((uint)i, 0, 0, 0, 0, 0);
    }

    public int Sensors => _sensors.Length;

    /// <summary>Adds the reading to its sensor's statistics and returns them.</summary>
    /// <exception cref="IndexOutOfRangeException">The reading names a sensor this table does not have.</exception>
    public SensorStats Update(in SensorReading reading)
    {
        ref SensorStats sensor = ref _sensors[reading.SensorId];
        sensor = sensor.With(reading.Value);
        return sensor;
    }

    public SensorStats this[int sensor] => _sensors[sensor];
}
