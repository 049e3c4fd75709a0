namespace RingKernel.Metal;

/// <summary>A Metal call that failed: the message names the call and, where Metal gave one, its error.</summary>
public sealed class MetalException : Exception
{
    public MetalException(string message)
        : base(message)
    {
    }

    public MetalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MetalException()
    {
    }
}
