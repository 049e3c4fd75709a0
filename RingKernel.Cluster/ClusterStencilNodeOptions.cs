namespace RingKernel.Cluster;

/// <summary>How a <see cref="ClusterStencilNode"/> joins and talks to the cluster.</summary>
public sealed record ClusterStencilNodeOptions
{
    /// <summary>How long joining waits for a seed node (10 s unless set): past it the node gives up with one line.</summary>
    public TimeSpan JoinTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a question to a node, a tile or the checkpoint store waits for its answer (30 s unless set).</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
