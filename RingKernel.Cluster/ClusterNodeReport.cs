using MessagePack;
using RingKernel.Cluster.Protocol;

namespace RingKernel.Cluster;

/// <summary>
/// What one node did for a run: the tiles it hosts now, the halo chunks and bytes its bridge sent to
/// and received from other nodes over Akka.Remote (payload bytes: chunk headers and floats), the
/// chunks it rejected, and the K2K messages and bytes its own tiles' halos took on this node.
/// </summary>
[MessagePackObject]
public sealed record ClusterNodeReport(
    [property: Key(0)] string Address,
    [property: Key(1)] int[] Tiles,
    [property: Key(2)] long RemoteChunksSent,
    [property: Key(3)] long RemoteBytesSent,
    [property: Key(4)] long RemoteChunksReceived,
    [property: Key(5)] long RemoteBytesReceived,
    [property: Key(6)] long Rejected,
    [property: Key(7)] long K2KMessages,
    [property: Key(8)] long K2KBytes) : IClusterStencilMessage
{
    public override string ToString() =>
        $"{Address}: {Tiles.Length} tile(s) [{string.Join(",", Tiles)}], remote halos {RemoteChunksSent} chunks / {RemoteBytesSent} B out, {RemoteChunksReceived} chunks / {RemoteBytesReceived} B in, {Rejected} rejected, K2K {K2KMessages} messages / {K2KBytes} B";
}
