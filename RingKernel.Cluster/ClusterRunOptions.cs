namespace RingKernel.Cluster;

/// <summary>How a <see cref="ClusterStencilRun"/> checkpoints and recovers.</summary>
public sealed record ClusterRunOptions
{
    /// <summary>
    /// Steps between checkpoints: after every multiple of this step every tile saves its state to the
    /// checkpoint store, and a run that loses a node goes back to the last such step. 0 (the default)
    /// checkpoints only the initial state.
    /// </summary>
    public int CheckpointInterval { get; init; }

    /// <summary>Recoveries a run makes (a node lost, a tile moved or failed) before it gives up (10 unless set).</summary>
    public int MaxRecoveries { get; init; } = 10;

    /// <summary>How long a recovery waits for the cluster to down an unreachable node (60 s unless set).</summary>
    public TimeSpan RecoveryTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long locating a tile waits before it asks again (while a lost node's shards move, 5 s unless set).</summary>
    public TimeSpan LocateTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
