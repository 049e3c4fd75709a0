using System.Diagnostics;
using Akka.Actor;
using Akka.Serialization;
using RingKernel.Layouts;
using RingKernel.Cluster;
using RingKernel.Cluster.Protocol;

namespace RingKernel.Benchmarks.Cluster;

/// <summary>
/// Halo chunk round trips between a "tile" actor (<see cref="HaloPingerActor"/>) on the seed node and
/// an echo (<see cref="HaloEchoActor"/>), as <see cref="RemoteHaloChunk"/> messages carrying a full
/// chunk (<see cref="HaloChunk.Size"/> bytes), the message the nodes' bridges send each other.
/// </summary>
internal sealed class HaloRoundTrips
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly IActorRef _pinger;
    private readonly IActorRef _remoteEcho;
    private readonly IActorRef _localEcho;
    private readonly SerializerWithStringManifest _serializer;

    private HaloRoundTrips(IActorRef pinger, IActorRef remoteEcho, IActorRef localEcho, SerializerWithStringManifest serializer)
    {
        _pinger = pinger;
        _remoteEcho = remoteEcho;
        _localEcho = localEcho;
        _serializer = serializer;
    }

    /// <summary>Starts the pinger and a local echo on <paramref name="from"/>, an echo on <paramref name="to"/>, and resolves the latter through <paramref name="from"/>'s remoting.</summary>
    public static async Task<HaloRoundTrips> StartAsync(ClusterStencilNode from, ClusterStencilNode to)
    {
        string name = $"{HaloEchoActor.Name}-{Guid.NewGuid():N}";
        to.System.ActorOf(Props.Create(() => new HaloEchoActor()), name);

        // Resolved by the seed's own provider: a reference to the other system's actor object would bypass Akka.Remote.
        IActorRef remote = await from.System.ActorSelection($"{to.Address}/user/{name}").ResolveOne(Limit);
        IActorRef local = from.System.ActorOf(Props.Create(() => new HaloEchoActor()), name);
        IActorRef pinger = from.System.ActorOf(Props.Create(() => new HaloPingerActor()));
        var probe = new RemoteHaloChunk("compare", 1, 0, 1, 1, 0, new byte[HaloChunk.Size]);
        return new HaloRoundTrips(pinger, remote, local, (SerializerWithStringManifest)from.System.Serialization.FindSerializerFor(probe));
    }

    /// <summary>Sequential round trips (one chunk in flight) over Akka.Remote to the other node: each sample one chunk's send to its answer.</summary>
    public long[] Remote(int warmup, int samples) => Sequential(_remoteEcho, warmup, samples);

    /// <summary>Sequential round trips to an echo on the same node: the two mailbox hops, no serialization, no network.</summary>
    public long[] Local(int warmup, int samples) => Sequential(_localEcho, warmup, samples);

    /// <summary>
    /// Time per chunk of <paramref name="chunks"/> chunks sent over Akka.Remote all at once and echoed,
    /// <paramref name="chunksPerMessage"/> of them in one message (its payload that many chunks long), in <see cref="Stopwatch"/> ticks.
    /// </summary>
    public double StreamTicksPerChunk(int chunks, int chunksPerMessage)
    {
        int messages = chunks / chunksPerMessage;
        Round(_remoteEcho, messages, messages, HaloChunk.Size * chunksPerMessage);
        return (double)Round(_remoteEcho, messages, messages, HaloChunk.Size * chunksPerMessage).Elapsed / (messages * chunksPerMessage);
    }

    /// <summary>What a round trip's serialization costs: a chunk serialized and deserialized by the nodes' MessagePack serializer twice (there and back), per sample.</summary>
    public long[] Serialization(int warmup, int samples)
    {
        var chunk = new RemoteHaloChunk("compare", 1, 0, 1, 1, 0, new byte[HaloChunk.Size]);
        string manifest = _serializer.Manifest(chunk);
        for (int i = 0; i < warmup; i++)
            SerializeTwice(chunk, manifest);
        var ticks = new long[samples];
        for (int i = 0; i < samples; i++)
        {
            long start = Stopwatch.GetTimestamp();
            SerializeTwice(chunk, manifest);
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }

        return ticks;
    }

    private void SerializeTwice(RemoteHaloChunk chunk, string manifest)
    {
        for (int leg = 0; leg < 2; leg++)
        {
            if (_serializer.FromBinary(_serializer.ToBinary(chunk), manifest) is not RemoteHaloChunk back || back.Payload.Length != chunk.Payload.Length)
                throw new InvalidOperationException("The serializer did not give the halo chunk back.");
        }
    }

    private long[] Sequential(IActorRef echo, int warmup, int samples)
    {
        Round(echo, warmup, 1, HaloChunk.Size);
        return Round(echo, samples, 1, HaloChunk.Size).RoundTrips;
    }

    private HaloPingerActor.RoundResult Round(IActorRef echo, int messages, int window, int payloadBytes)
    {
        var done = new TaskCompletionSource<HaloPingerActor.RoundResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pinger.Tell(new HaloPingerActor.Round(echo, messages, window, payloadBytes, done));
        return done.Task.WaitAsync(Limit).GetAwaiter().GetResult();
    }
}
