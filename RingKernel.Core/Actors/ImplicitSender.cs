namespace RingKernel.Actors;

/// <summary>
/// The sender that <see cref="ActorRefExtensions.Tell(IActorRef, object)"/> uses when called outside any
/// actor, flowing with the async context (a TestKit sets its test actor here, so replies reach the test).
/// Inside an actor the actor itself is always the implicit sender.
/// </summary>
public static class ImplicitSender
{
    private static readonly AsyncLocal<IActorRef?> s_current = new();

    public static IActorRef? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }
}
