namespace RingKernel.Actors;

/// <summary>Telling with the implicit sender, and forwarding.</summary>
public static class ActorRefExtensions
{
    /// <summary>
    /// Tells <paramref name="message"/> with the implicit sender: the current actor inside an actor,
    /// otherwise <see cref="ImplicitSender.Current"/> (none by default).
    /// </summary>
    public static void Tell(this IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, ActorCell.Current?.Self ?? ImplicitSender.Current);
    }

    /// <summary>Tells <paramref name="message"/> keeping the current message's sender, so the reply bypasses this actor.</summary>
    public static void Forward(this IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        ActorCell cell = ActorCell.Current
            ?? throw new InvalidOperationException("Forward is only possible while an actor processes a message.");
        target.Tell(message, cell.Sender);
    }
}
