namespace RingKernel.Actors.Behaviors;

/// <summary>One registered handler of a <see cref="ReceiveActor"/>.</summary>
internal abstract class MessageHandler
{
    /// <summary>Whether messages of exactly <paramref name="messageType"/> may reach this handler.</summary>
    public abstract bool Accepts(Type messageType);

    /// <summary>Handles <paramref name="message"/> (of an accepted type) unless its predicate says no.</summary>
    public abstract bool TryHandle(object message);
}
