namespace RingKernel.Cluster.Protocol;

/// <summary>What <see cref="ClusterStencilSerializer"/> delivers in place of a halo chunk whose bytes it could not read: the node logs and drops it.</summary>
internal sealed record MalformedMessage(string Manifest, int Length, string Problem);
