using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using RingKernel.Cluster;

namespace RingKernel.Tests.Cluster;

/// <summary>
/// A remote actor system that is no cluster node and sends whatever bytes it is given under the
/// cluster serializer's id and the halo chunk's manifest: a faulty or hostile peer on the network.
/// </summary>
internal sealed class ForgingPeer : IAsyncDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("forger", ConfigurationFactory.ParseString($$"""
        akka.loglevel = ERROR
        akka.actor.provider = remote
        akka.actor.serializers.forged = "{{typeof(Serializer).FullName}}, {{typeof(Serializer).Assembly.GetName().Name}}"
        akka.actor.serialization-bindings { "{{typeof(Bytes).FullName}}, {{typeof(Bytes).Assembly.GetName().Name}}" = forged }
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        """));

    /// <summary>Sends <paramref name="bytes"/> as a halo chunk to the cluster engine's actor on the node at <paramref name="address"/>.</summary>
    public void SendHalo(string address, byte[] bytes) =>
        _system.ActorSelection($"{address}/user/ringkernel-stencil").Tell(new Bytes(bytes));

    public async ValueTask DisposeAsync() => await _system.Terminate();

    public sealed record Bytes(byte[] Content);

    public sealed class Serializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
    {
        public override int Identifier => ClusterStencilSerializer.Id;

        public override string Manifest(object o) => "halo";

        public override byte[] ToBinary(object obj) => ((Bytes)obj).Content;

        public override object FromBinary(byte[] bytes, string manifest) => new Bytes(bytes);
    }
}
