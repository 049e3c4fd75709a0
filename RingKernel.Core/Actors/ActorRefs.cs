namespace RingKernel.Actors;

/// <summary>Well-known handles that belong to no system.</summary>
public static class ActorRefs
{
    /// <summary>A handle to no actor: whatever it is told is dropped. Use it where an API needs a handle but none exists.</summary>
    public static readonly IActorRef Nobody = new NobodyRef();

    /// <summary>The sender to pass when there is none; the receiver then sees dead letters as <c>Sender</c>.</summary>
    public static readonly IActorRef? NoSender;

    private sealed class NobodyRef : IActorRef
    {
        public ActorPath Path { get; } = ActorPath.Root("nobody").Child("nobody");

        public void Tell(object message, IActorRef? sender) => ArgumentNullException.ThrowIfNull(message);

        public override string ToString() => "Nobody";
    }
}
