using RingKernel.Actors.Ask;

namespace RingKernel.Actors;

/// <summary>Request-reply with an actor: <c>var total = await cart.Ask&lt;decimal&gt;(new GetTotal(), TimeSpan.FromSeconds(1));</c></summary>
public static class AskExtensions
{
    /// <summary>
    /// Tells <paramref name="message"/> to <paramref name="target"/> with a temporary sender and completes
    /// with the first reply. Fails with <see cref="AskTimeoutException"/> after <paramref name="timeout"/>
    /// (null: the system's <see cref="ActorSystemSettings.AskTimeout"/>, by default none) or at once when
    /// the target has already stopped; with the cause of a <see cref="Status.Failure"/> reply; with
    /// <see cref="InvalidCastException"/> for a reply that is not a <typeparamref name="T"/>; and is
    /// cancelled by <paramref name="cancellationToken"/>.
    /// </summary>
    public static Task<T> Ask<T>(this IActorRef target, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        if (target is not IInternalActorRef recipient)
            throw new ArgumentException($"{target} is not an actor of this runtime.", nameof(target));
        ActorSystem system = recipient.System;
        timeout ??= system.Settings.AskTimeout;
        if (timeout is { } t && t <= TimeSpan.Zero && t != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(timeout), t, "An Ask timeout must be positive.");
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled<T>(cancellationToken);
        if (recipient.IsTerminated)
            return Task.FromException<T>(new AskTimeoutException($"Recipient {target} had already been terminated."));

        var promise = new PromiseActorRef<T>(system, target);
        promise.Arm(timeout, cancellationToken);
        recipient.Tell(message, promise);
        return promise.Task;
    }

    /// <summary>Untyped <see cref="Ask{T}"/>: completes with whatever the reply is.</summary>
    public static Task<object> Ask(this IActorRef target, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        target.Ask<object>(message, timeout, cancellationToken);
}
