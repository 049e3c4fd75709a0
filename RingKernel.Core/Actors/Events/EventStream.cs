namespace RingKernel.Actors.Events;

/// <summary>
/// The system-wide publish/subscribe bus for <see cref="LogEvent"/>, <see cref="DeadLetter"/>,
/// <see cref="UnhandledMessage"/> and any event an application publishes. A subscriber receives every
/// published event that is an instance of the channel type it subscribed to. Actor subscribers get the
/// event told to them; delegate subscribers (<see cref="Subscribe{TEvent}(Action{TEvent})"/>) are called
/// synchronously on the publishing thread, so they must be thread-safe and quick (an exception they
/// throw is written to standard error and does not reach the publisher). A stopped actor is
/// unsubscribed automatically.
/// </summary>
public sealed class EventStream
{
    private readonly object _gate = new();
    private Subscription[] _subscriptions = [];

    /// <summary>Subscribes <paramref name="subscriber"/> to events assignable to <paramref name="channel"/>; false when already subscribed.</summary>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_gate)
        {
            if (Array.Exists(_subscriptions, s => s.Subscriber.Equals(subscriber) && s.Channel == channel))
                return false;
            _subscriptions = [.. _subscriptions, new Subscription(subscriber, channel)];
            return true;
        }
    }

    /// <summary>Calls <paramref name="handler"/> on the publishing thread for every <typeparamref name="TEvent"/>; dispose the result to stop.</summary>
    public IDisposable Subscribe<TEvent>(Action<TEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscriber = new DelegateSubscriber<TEvent>(handler);
        Subscribe(subscriber, typeof(TEvent));
        return new Unsubscriber(this, subscriber);
    }

    /// <summary>Ends one subscription; false when there was none.</summary>
    public bool Unsubscribe(IActorRef subscriber, Type channel)
    {
        return Remove(s => s.Subscriber.Equals(subscriber) && s.Channel == channel);
    }

    /// <summary>Ends every subscription of <paramref name="subscriber"/>; false when there was none.</summary>
    public bool Unsubscribe(IActorRef subscriber)
    {
        return Remove(s => s.Subscriber.Equals(subscriber));
    }

    /// <summary>Delivers <paramref name="event"/> to every matching subscriber.</summary>
    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        foreach (Subscription subscription in Volatile.Read(ref _subscriptions))
        {
            if (subscription.Channel.IsInstanceOfType(@event))
                subscription.Subscriber.Tell(@event, null);
        }
    }

    /// <summary>Whether anyone listens for events of <paramref name="eventType"/>; lets publishers skip building events nobody reads.</summary>
    public bool HasSubscribers(Type eventType)
    {
        foreach (Subscription subscription in Volatile.Read(ref _subscriptions))
        {
            if (subscription.Channel.IsAssignableFrom(eventType) || eventType.IsAssignableFrom(subscription.Channel))
                return true;
        }

        return false;
    }

    private bool Remove(Predicate<Subscription> matches)
    {
        lock (_gate)
        {
            // Every stopping actor unsubscribes: leave the array alone unless it really subscribed.
            if (!Array.Exists(_subscriptions, matches))
                return false;
            _subscriptions = Array.FindAll(_subscriptions, s => !matches(s));
            return true;
        }
    }

    private readonly record struct Subscription(IActorRef Subscriber, Type Channel);

    private sealed class DelegateSubscriber<TEvent>(Action<TEvent> handler) : IActorRef
    {
        public ActorPath Path { get; } = ActorPath.Root("eventstream").Child("subscriber");

        public void Tell(object message, IActorRef? sender)
        {
            if (message is not TEvent typed)
                return;
            try
            {
                handler(typed);
            }
            catch (Exception e)
            {
                // A broken listener must not break the actor that published; it cannot log through the stream it broke.
                Console.Error.WriteLine($"EventStream subscriber for {typeof(TEvent).Name} threw: {e}");
            }
        }
    }

    private sealed class Unsubscriber(EventStream stream, IActorRef subscriber) : IDisposable
    {
        public void Dispose() => stream.Unsubscribe(subscriber);
    }
}
