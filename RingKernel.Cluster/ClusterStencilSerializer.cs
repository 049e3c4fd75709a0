using System.Collections.Frozen;
using Akka.Actor;
using System.Runtime.Serialization;
using Akka.Serialization;
using MessagePack;
using MessagePack.Resolvers;
using RingKernel.Cluster.Protocol;

namespace RingKernel.Cluster;

/// <summary>
/// The Akka.NET serializer of the cluster engine's messages: MessagePack with the standard resolver
/// over the protocol's own types, named by a short manifest (never the typeless resolver, which would
/// build whatever type a peer names). Registered by <see cref="ClusterStencilConfig"/>.
/// </summary>
/// <remarks>
/// A halo chunk whose bytes do not read is delivered as a <see cref="MalformedMessage"/>, which the
/// receiving node logs and drops: malformed network input never reaches a tile.
/// </remarks>
public sealed class ClusterStencilSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer's id in every node's configuration.</summary>
    public const int Id = 0x524B;

    private static readonly MessagePackSerializerOptions Options =
        MessagePackSerializerOptions.Standard.WithResolver(StandardResolverAllowPrivate.Instance).WithSecurity(MessagePackSecurity.UntrustedData);

    private static readonly FrozenDictionary<string, Type> Types = new Dictionary<string, Type>
    {
        ["halo"] = typeof(RemoteHaloChunk),
        ["locate"] = typeof(LocateTile),
        ["located"] = typeof(TileLocated),
        ["prepare"] = typeof(PrepareGeneration),
        ["prepared"] = typeof(GenerationPrepared),
        ["abort"] = typeof(AbortGeneration),
        ["aborted"] = typeof(GenerationAborted),
        ["connect"] = typeof(ConnectTile),
        ["connected"] = typeof(TileConnected),
        ["run"] = typeof(RunTile),
        ["ran"] = typeof(TileRan),
        ["capture"] = typeof(CaptureTile),
        ["saved"] = typeof(TileSaved),
        ["captured"] = typeof(TileCaptured),
        ["failed"] = typeof(TileFailed),
        ["checkpoint"] = typeof(TileCheckpoint),
        ["report?"] = typeof(GetNodeReport),
        ["report"] = typeof(ClusterNodeReport),
        ["release"] = typeof(ReleaseTile),
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<Type, string> Manifests = Types.ToFrozenDictionary(entry => entry.Value, entry => entry.Key);

    public ClusterStencilSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    public override int Identifier => Id;

    public override string Manifest(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return Manifests.TryGetValue(o.GetType(), out string? manifest)
            ? manifest
            : throw new ArgumentException($"{o.GetType()} is not a message of the RingKernel cluster protocol.", nameof(o));
    }

    public override byte[] ToBinary(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return MessagePackSerializer.Serialize(obj.GetType(), obj, Options);
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (!Types.TryGetValue(manifest, out Type? type))
            throw new SerializationException($"'{manifest}' names no message of the RingKernel cluster protocol ({bytes.Length} bytes dropped).");
        try
        {
            return MessagePackSerializer.Deserialize(type, bytes, Options)
                ?? throw new MessagePackSerializationException("the message is nil");
        }
        catch (MessagePackSerializationException problem) when (type == typeof(RemoteHaloChunk))
        {
            return new MalformedMessage(manifest, bytes.Length, problem.InnerException?.Message ?? problem.Message);
        }
    }
}
