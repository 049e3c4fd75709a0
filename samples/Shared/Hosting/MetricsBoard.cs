using System.Diagnostics.Metrics;
using System.Globalization;
using RingKernel.Telemetry;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RingKernel.Samples.Hosting;

/// <summary>
/// What <c>--metrics</c> shows: a <see cref="MeterListener"/> on RingKernel's meter that sums each
/// instrument over the kernel actors of one kind (the tiles of a grid share a kernel name; their actor
/// paths are summed over), and renders the totals as a Spectre.Console table. Counters and histograms
/// are summed as they are recorded; observable instruments (rings, heartbeats, K2K) are read when the
/// table is made.
/// </summary>
public sealed class MetricsBoard : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Instrument, string Attributes), Total> _recorded = [];
    private Dictionary<(string Instrument, string Attributes), Total> _observed = [];

    public MetricsBoard()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RingKernelTelemetry.MeterName)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Every instrument's totals now, in instrument order.</summary>
    public IReadOnlyList<MetricRow> Snapshot()
    {
        lock (_gate)
        {
            _observed = [];
            _listener.RecordObservableInstruments();
            return [.. _recorded.Concat(_observed).OrderBy(e => e.Key.Instrument, StringComparer.Ordinal).ThenBy(e => e.Key.Attributes, StringComparer.Ordinal).Select(e => e.Value.Row(e.Key.Instrument, e.Key.Attributes))];
        }
    }

    /// <summary>The totals as a table under <paramref name="title"/>.</summary>
    public Table Table(string title)
    {
        var table = new Table { Title = new TableTitle(title), Border = TableBorder.Rounded };
        table.AddColumn(new TableColumn("instrument").NoWrap()).AddColumn("attributes (×N: over N actors)").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit");
        IReadOnlyList<MetricRow> rows = Snapshot();
        foreach (MetricRow row in rows)
        {
            string attributes = row.Instances > 1 ? $"{row.Attributes} ×{row.Instances}" : row.Attributes;
            table.AddRow(new IRenderable[] { new Text(row.Instrument), new Text(attributes), new Text(row.Value), new Text(row.Unit) });
        }

        if (rows.Count == 0)
            table.AddRow(new IRenderable[] { new Text("(no RingKernel instrument has reported yet)"), Text.Empty, Text.Empty, Text.Empty });
        return table;
    }

    /// <summary>Writes the table once, as plain text, to <paramref name="output"/> (for output that is not a terminal).</summary>
    public void Write(TextWriter output, string title)
    {
        ArgumentNullException.ThrowIfNull(output);
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        console.Write(Table(title));
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? instance = null;
        var attributes = new List<string>(tags.Length);
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            if (tag.Key == RingKernelTags.ActorPath)
                instance = tag.Value as string;
            else
                attributes.Add($"{tag.Key.Replace("ringkernel.", "", StringComparison.Ordinal)}={tag.Value}");
        }

        attributes.Sort(StringComparer.Ordinal);
        var key = (instrument.Name, string.Join(' ', attributes));
        lock (_gate)
        {
            Dictionary<(string, string), Total> totals = instrument.IsObservable ? _observed : _recorded;
            if (!totals.TryGetValue(key, out Total? total))
                totals[key] = total = new Total(instrument);
            total.Add(value, instance);
        }
    }

    /// <summary>One instrument's measurements under one set of attributes: summed (the heartbeat age: the oldest), or counted for a histogram.</summary>
    private sealed class Total(Instrument instrument)
    {
        private readonly HashSet<string> _instances = [];
        private double _sum;
        private double _max;
        private long _count;

        public void Add(double value, string? instance)
        {
            _sum += value;
            _max = _count == 0 ? value : Math.Max(_max, value);
            _count++;
            if (instance is not null)
                _instances.Add(instance);
        }

        public MetricRow Row(string name, string attributes)
        {
            string unit = instrument.Unit ?? "";
            string value = instrument switch
            {
                Histogram<double> => string.Create(CultureInfo.InvariantCulture, $"n={_count:N0} mean {Seconds(_sum / _count)} max {Seconds(_max)}"),
                _ when name == RingKernelInstruments.KernelHeartbeatAge => string.Create(CultureInfo.InvariantCulture, $"{_max:0.000} (oldest)"),
                _ when unit == "By" => Bytes(_sum),
                _ => _sum.ToString("N0", CultureInfo.InvariantCulture),
            };
            return new MetricRow(name, attributes, _instances.Count, value, instrument is Histogram<double> ? "" : unit);
        }

        private static string Seconds(double seconds) => seconds switch
        {
            < 1e-3 => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e6:0.0} µs"),
            < 1 => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e3:0.00} ms"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.000} s"),
        };

        private static string Bytes(double bytes) => bytes < 1 << 20
            ? bytes.ToString("N0", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} ({bytes / 1048576:0.0} MiB)");
    }
}
