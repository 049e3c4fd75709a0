namespace RingKernel.Cluster;

/// <summary>A cluster run or node could not do what it was asked: a node that cannot join, a run that cannot place or restore its tiles, a store that fails.</summary>
public sealed class ClusterStencilException : Exception
{
    public ClusterStencilException()
    {
    }

    public ClusterStencilException(string message)
        : base(message)
    {
    }

    public ClusterStencilException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
