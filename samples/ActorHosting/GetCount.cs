namespace ActorHosting;

/// <summary>Asks the <see cref="TickCounter"/> for its count; the reply is an <see cref="int"/>.</summary>
public sealed record GetCount
{
    public static readonly GetCount Instance = new();
}
