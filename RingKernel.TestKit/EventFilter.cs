using System.Collections.Concurrent;
using System.Diagnostics;

namespace RingKernel.TestKit;

/// <summary>
/// Counts the events of one kind published while an action runs: <c>Expect(n, action)</c> subscribes,
/// runs the action, waits until <c>n</c> matching events have been published and fails if they do not
/// all come within the timeout or if more than <c>n</c> have come by then.
/// </summary>
public sealed class EventFilter
{
    private readonly TestKitBase _kit;
    private readonly string _description;
    private readonly Type _channel;
    private readonly Func<object, bool> _matches;

    internal EventFilter(TestKitBase kit, string description, Type channel, Func<object, bool> matches)
    {
        _kit = kit;
        _description = description;
        _channel = channel;
        _matches = matches;
    }

    public void ExpectOne(Action action, TimeSpan? timeout = null) => Expect(1, action, timeout);

    /// <summary>Runs <paramref name="action"/> and expects exactly <paramref name="expectedCount"/> matching events; returns them.</summary>
    public IReadOnlyList<object> Expect(int expectedCount, Action action, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var capture = new Capture(this);
        action();
        return capture.Await(expectedCount, timeout ?? _kit.RemainingOrDefault);
    }

    public Task ExpectOneAsync(Func<Task> action, TimeSpan? timeout = null) => ExpectAsync(1, action, timeout);

    public async Task<IReadOnlyList<object>> ExpectAsync(int expectedCount, Func<Task> action, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var capture = new Capture(this);
        await action().ConfigureAwait(false);
        return await Task.Run(() => capture.Await(expectedCount, timeout ?? _kit.RemainingOrDefault)).ConfigureAwait(false);
    }

    private sealed class Capture : IDisposable
    {
        private readonly EventFilter _filter;
        private readonly ConcurrentQueue<object> _matched = new();
        private readonly SemaphoreSlim _arrived = new(0);
        private readonly IDisposable _subscription;

        public Capture(EventFilter filter)
        {
            _filter = filter;
            _subscription = filter._kit.Sys.EventStream.Subscribe<object>(OnEvent);
        }

        public object[] Await(int expectedCount, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            for (int seen = 0; seen < expectedCount; seen++)
            {
                TimeSpan left = timeout - clock.Elapsed;
                if (!_arrived.Wait(left < TimeSpan.Zero ? TimeSpan.Zero : left))
                {
                    throw TestKitBase.Fail(
                        $"EventFilter: expected {expectedCount} × {_filter._description} within {Describe.Duration(timeout)}, but got {seen}: [{string.Join(", ", _matched)}]");
                }
            }

            object[] matched = [.. _matched];
            if (matched.Length > expectedCount)
            {
                throw TestKitBase.Fail(
                    $"EventFilter: expected {expectedCount} × {_filter._description}, but got {matched.Length}: [{string.Join(", ", matched)}]");
            }

            return matched;
        }

        public void Dispose()
        {
            _subscription.Dispose();
            _arrived.Dispose();
        }

        private void OnEvent(object @event)
        {
            if (!_filter._channel.IsInstanceOfType(@event) || !_filter._matches(@event))
                return;
            _matched.Enqueue(@event);
            try
            {
                _arrived.Release();
            }
            catch (ObjectDisposedException)
            {
                // An event published after the expectation finished.
            }
        }
    }
}
