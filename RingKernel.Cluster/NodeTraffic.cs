namespace RingKernel.Cluster;

/// <summary>One node's halo traffic for one run, over all its generations; written by the node's actor only.</summary>
internal sealed class NodeTraffic
{
    public long ChunksSent;
    public long BytesSent;
    public long ChunksReceived;
    public long BytesReceived;
    public long Rejected;

    /// <summary>K2K messages and bytes of the generations that have ended (the current one's are read from its fabric).</summary>
    public long K2KMessages;
    public long K2KBytes;
}
