using System.Collections.Concurrent;
using RingKernel.Actors;

namespace RingKernel.Hosting;

/// <summary>
/// Top-level actors by key type, so services resolved from dependency injection can reach the actors the
/// host started: <c>registry.Register&lt;OrdersKey&gt;(orders)</c>, then <c>registry.Get&lt;OrdersKey&gt;()</c>.
/// </summary>
public sealed class ActorRegistry
{
    private readonly ConcurrentDictionary<Type, IActorRef> _actors = new();

    /// <summary>Registers <paramref name="actor"/> under <typeparamref name="TKey"/>; a key can be registered once.</summary>
    public void Register<TKey>(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!_actors.TryAdd(typeof(TKey), actor))
            throw new InvalidOperationException($"An actor is already registered under {typeof(TKey).Name}.");
    }

    public IActorRef Get<TKey>() =>
        TryGet<TKey>(out IActorRef? actor) ? actor : throw new KeyNotFoundException($"No actor is registered under {typeof(TKey).Name}.");

    public bool TryGet<TKey>([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IActorRef? actor) => _actors.TryGetValue(typeof(TKey), out actor);
}
