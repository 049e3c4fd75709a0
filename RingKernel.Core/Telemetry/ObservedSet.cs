using System.Diagnostics.Metrics;

namespace RingKernel.Telemetry;

/// <summary>
/// The live objects one kind of observable instrument reads (rings, kernels, fabrics), each with its
/// attributes. A collection reads them under the set's lock, and removal takes the same lock, so once
/// <see cref="Registration.Dispose"/> returns no collection touches the object again: its owner may
/// then free the memory the object reads (a ring's buffer, say).
/// </summary>
internal sealed class ObservedSet<T>
    where T : class
{
    private readonly Lock _gate = new();
    private readonly List<(T Item, KeyValuePair<string, object?>[] Tags)> _items = [];

    /// <summary>Observes <paramref name="item"/> under <paramref name="tags"/> until the registration is disposed.</summary>
    public IDisposable Add(T item, KeyValuePair<string, object?>[] tags)
    {
        lock (_gate)
            _items.Add((item, tags));
        return new Registration(this, item);
    }

    /// <summary>One measurement per observed object for which <paramref name="read"/> has a value.</summary>
    public List<Measurement<TValue>> Measure<TValue>(Func<T, TValue?> read)
        where TValue : struct
    {
        lock (_gate)
        {
            var measurements = new List<Measurement<TValue>>(_items.Count);
            foreach ((T item, KeyValuePair<string, object?>[] tags) in _items)
            {
                if (read(item) is { } value)
                    measurements.Add(new Measurement<TValue>(value, tags));
            }

            return measurements;
        }
    }

    private void Remove(T item)
    {
        lock (_gate)
            _items.RemoveAll(entry => ReferenceEquals(entry.Item, item));
    }

    private sealed class Registration(ObservedSet<T> set, T item) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                set.Remove(item);
        }
    }
}
