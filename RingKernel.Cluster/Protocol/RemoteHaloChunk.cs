using MessagePack;

namespace RingKernel.Cluster.Protocol;

/// <summary>
/// One halo chunk between tiles on different nodes: the payload a tile sent on its K2K route
/// <see cref="Direction"/> (a <c>HaloChunk</c>'s header and floats), with the route's K2K sequence number,
/// for run <see cref="Run"/>'s generation <see cref="Generation"/>. The receiving node checks all of it
/// before the payload enters the target tile's K2K inbox.
/// </summary>
[MessagePackObject]
internal sealed record RemoteHaloChunk(
    [property: Key(0)] string Run,
    [property: Key(1)] int Generation,
    [property: Key(2)] int SourceTile,
    [property: Key(3)] int TargetTile,
    [property: Key(4)] int Direction,
    [property: Key(5)] ulong Sequence,
    [property: Key(6)] byte[] Payload) : IClusterStencilMessage;
