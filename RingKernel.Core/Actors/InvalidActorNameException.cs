namespace RingKernel.Actors;

/// <summary>An actor name was malformed or already taken by a live sibling.</summary>
public class InvalidActorNameException : Exception
{
    public InvalidActorNameException()
    {
    }

    public InvalidActorNameException(string message)
        : base(message)
    {
    }

    public InvalidActorNameException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
