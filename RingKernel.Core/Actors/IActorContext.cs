namespace RingKernel.Actors;

/// <summary>
/// An actor's view of itself and its place in the hierarchy, valid only on the actor's own thread while
/// it processes a message or a lifecycle hook (as <c>Context</c> inside the actor).
/// </summary>
public interface IActorContext
{
    IActorRef Self { get; }

    /// <summary>Sender of the message being processed; the system's dead letters when there is none.</summary>
    IActorRef Sender { get; }

    IActorRef Parent { get; }

    Props Props { get; }

    ActorSystem System { get; }

    /// <summary>A snapshot of the live children, including those already told to stop.</summary>
    IReadOnlyList<IActorRef> Children { get; }

    /// <summary>The live child called <paramref name="name"/>, or null.</summary>
    IActorRef? Child(string name);

    /// <summary>Creates a child; it starts asynchronously, and messages told to it before then wait in its mailbox.</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>
    /// Stops <paramref name="actor"/> (a child, or <see cref="Self"/>) asynchronously: after the message
    /// being processed, its children stop, then its <c>PostStop</c> runs; queued messages go to dead letters.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "Akka.NET's name, which its users expect.")]
    void Stop(IActorRef actor);

    /// <summary>DeathWatch: deliver <see cref="Terminated"/> when <paramref name="subject"/> stops (at once if it already has).</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Ends a watch; a <see cref="Terminated"/> already queued for <paramref name="subject"/> is discarded.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Replaces the current behaviour with <paramref name="receive"/>.</summary>
    void Become(Receive receive);

    /// <summary>Pushes <paramref name="receive"/> on the behaviour stack; <see cref="Unbecome"/> pops it.</summary>
    void BecomeStacked(Receive receive);

    /// <summary>Returns to the behaviour below the current one (the actor's initial behaviour at the bottom).</summary>
    void Unbecome();
}
