namespace RingKernel.Backends;

/// <summary>Thrown when a backend cannot run here; the message says what is missing.</summary>
public sealed class BackendUnavailableException : Exception
{
    public BackendUnavailableException(string backend, string reason)
        : base($"The {backend} backend is not available: {reason}")
    {
        Backend = backend;
        Reason = reason;
    }

    public string Backend { get; }

    public string Reason { get; }
}
