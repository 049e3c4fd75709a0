namespace ActorHosting;

/// <summary>Sent by the scheduler to the <see cref="Ticker"/> once a second.</summary>
public sealed record Tick
{
    public static readonly Tick Instance = new();
}
