namespace RingKernel.Cluster.Protocol;

/// <summary>A message of the cluster engine's protocol: <see cref="ClusterStencilSerializer"/> carries it between nodes as MessagePack.</summary>
internal interface IClusterStencilMessage;
