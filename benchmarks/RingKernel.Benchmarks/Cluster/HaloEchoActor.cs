using Akka.Actor;
using RingKernel.Cluster.Protocol;

namespace RingKernel.Benchmarks.Cluster;

/// <summary>Answers every halo chunk with the same chunk, to its sender: the neighbour's half of a halo round trip.</summary>
internal sealed class HaloEchoActor : ReceiveActor
{
    public const string Name = "halo-echo";

    public HaloEchoActor()
    {
        Receive<RemoteHaloChunk>(chunk => Sender.Tell(chunk));
    }
}
