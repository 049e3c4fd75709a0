namespace RingKernel.Actors;

/// <summary>An <c>Ask</c> got no reply within its timeout, or its target had already stopped.</summary>
public class AskTimeoutException : TimeoutException
{
    public AskTimeoutException()
    {
    }

    public AskTimeoutException(string message)
        : base(message)
    {
    }

    public AskTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
