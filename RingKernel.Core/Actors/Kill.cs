namespace RingKernel.Actors;

/// <summary>
/// Makes the receiver fail with <see cref="ActorKilledException"/> when it is processed, so its
/// supervisor decides (the default strategy stops it).
/// </summary>
public sealed class Kill : AutoReceivedMessage
{
    public static readonly Kill Instance = new();

    private Kill()
    {
    }

    public override string ToString() => "Kill";
}
