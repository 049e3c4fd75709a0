using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using RingKernel.Telemetry;

namespace RingKernel.Tests.Telemetry;

/// <summary>
/// Listens to the RingKernel meter and keeps only the measurements that carry one attribute (a kernel,
/// ring or fabric name unique to the test), so tests running in parallel do not see each other's.
/// Counters and histograms are kept as they are recorded; observable instruments are read on demand.
/// </summary>
internal sealed class TelemetryRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Recorded> _recorded = new();
    private readonly List<Recorded> _observed = [];
    private readonly string _key;
    private readonly string _value;

    public TelemetryRecorder(string key, string value)
    {
        _key = key;
        _value = value;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RingKernelTelemetry.MeterName)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The sum of what counter <paramref name="instrument"/> recorded for this test.</summary>
    public double Sum(string instrument) => _recorded.Where(r => r.Instrument == instrument).Sum(r => r.Value);

    /// <summary>What histogram or counter <paramref name="instrument"/> recorded for this test, in order.</summary>
    public IReadOnlyList<Recorded> Recorded(string instrument) => [.. _recorded.Where(r => r.Instrument == instrument)];

    /// <summary>Reads every observable instrument now and returns what <paramref name="instrument"/> reported for this test.</summary>
    public IReadOnlyList<Recorded> Observe(string instrument)
    {
        lock (_observed)
        {
            _observed.Clear();
            _listener.RecordObservableInstruments();
            return [.. _observed.Where(r => r.Instrument == instrument)];
        }
    }

    /// <summary>The one value <paramref name="instrument"/> reports now for this test with <paramref name="key"/> = <paramref name="value"/>, if given.</summary>
    public double ObserveOne(string instrument, string? key = null, string? value = null) =>
        Assert.Single(Observe(instrument), r => key is null || Equals(r.Tags.GetValueOrDefault(key), value)).Value;

    public void Dispose() => _listener.Dispose();

    private void Keep(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        bool ours = false;
        foreach (KeyValuePair<string, object?> tag in tags)
            ours |= tag.Key == _key && Equals(tag.Value, _value);
        if (!ours)
            return;

        var recorded = new Recorded(instrument.Name, value, new Dictionary<string, object?>(tags.ToArray()));
        if (instrument.IsObservable)
        {
            lock (_observed)
                _observed.Add(recorded);
        }
        else
        {
            _recorded.Enqueue(recorded);
        }
    }
}
