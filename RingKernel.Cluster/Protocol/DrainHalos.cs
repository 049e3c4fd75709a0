namespace RingKernel.Cluster.Protocol;

/// <summary>To a node's own actor (never sent between nodes): a doorbell of a ghost tile rang; move halo chunks across the bridge.</summary>
internal sealed record DrainHalos(string Run, int Generation);
