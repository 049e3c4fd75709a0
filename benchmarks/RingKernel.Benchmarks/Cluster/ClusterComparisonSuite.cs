using System.Diagnostics;
using Akka.Actor;
using RingKernel.Benchmarks.Compare;
using RingKernel.Benchmarks.Compare.KernelActors;
using RingKernel.Cluster;
using RingKernel.Cpu;
using RingKernel.Kernels;
using RingKernel.Memory;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;
using RingKernel.Benchmarks.Stencils;

namespace RingKernel.Benchmarks.Cluster;

/// <summary>
/// <c>compare cluster</c>: the cluster engine (RingKernel.Cluster) on 1, 2 and 3 nodes, each node an
/// actor system in this process on 127.0.0.1 talking to the others over Akka.Remote's TCP transport,
/// running the 2D heat equation on 1024² (periodic, 2x8 tiles of 512x128, halo 2: a shard is a row of
/// two tiles, so 2 nodes host 4 rows each and 3 nodes 3, 3 and 2), and the round trip of one halo chunk.
/// <list type="bullet">
/// <item><c>cluster-1024-1node</c>: Mcells/s (best timed run) of the cluster on one node against
/// <see cref="TiledHeat2D"/> with the same tiles in one plain actor system: what the cluster engine
/// itself costs. <c>cluster-1024-2nodes</c>, <c>-3nodes</c>: against the one-node cluster.</item>
/// <item><c>cluster-1024-Nnodes-remote-bytes-per-step</c>: halo bytes the bridges sent over Akka.Remote per
/// step against all the halo bytes per step of the one-node run (its K2K traffic): the share that
/// crosses nodes. <c>-remote-MBps</c>: those remote bytes per second at the best run's rate, against the
/// one-node run's K2K halo MB/s.</item>
/// <item><c>cluster-halo-rtt-p50</c>: one full halo chunk sent by an actor on node 0 to an echo actor on
/// node 1 and answered back, both legs over Akka.Remote as MessagePack (median of sequential round trips),
/// against the same chunk sent by a tile to its neighbour over K2K and answered back (<see cref="K2KHaloRoundTrip"/>).
/// <c>cluster-halo-actor-rtt-p50</c>: the same actor round trip to an echo on node 0 itself (the mailbox
/// hops alone); <c>cluster-halo-msgpack-rtt-p50</c>: the serializer's work in one round trip (chunk
/// serialized and deserialized twice); <c>cluster-halo-tcp-rtt-p50</c>: the chunk over a bare TCP
/// socket on loopback and echoed by a thread (<see cref="TcpHaloRoundTrip"/>); each against the K2K round trip.</item>
/// <item><c>cluster-halo-batch8-per-chunk</c>: time per chunk of a stream of chunks sent over
/// Akka.Remote and echoed, 8 chunks to a message, against one chunk to a message.</item>
/// </list>
/// The cluster's field is checked bit for bit against <see cref="HeatBaseline2D"/> after each node count's runs.
/// </summary>
public sealed class ClusterComparisonSuite : IComparisonSuite
{
    private const int Side = 1024;
    private const int Halo = 2;
    private const string Mcells = "Mcells/s";
    private static readonly Dim3 Tiles = new(2, 8);

    public string Name => "cluster";

    public IEnumerable<Comparison> Run(bool quick)
    {
        int runs = quick ? 3 : 7, steps = quick ? 200 : 1000;
        int samples = quick ? 2000 : 10000, rounds = quick ? 3 : 5;
        var equation = new HeatEquation2D(GridSize.Square(Side), 0.2f, StencilBoundary.Periodic);
        TileGrid grid = TileGrid.Create(equation.Size, Tiles);
        var simulation = ClusterSimulation.Heat2D(equation, grid, Halo);
        float[] start = StencilComparisonSuite.RandomField(equation.Size);

        double tiled = Wait(TiledAsync(equation, grid, simulation.TileOptions, start, runs, steps));
        var nodes = new LoopbackNodes();
        try
        {
            ClusterHeatThroughput? one = null;
            for (int count = 1; count <= 3; count++)
            {
                Wait(nodes.AddNodeAsync());
                ClusterHeatThroughput measured = Wait(ClusterHeatThroughput.MeasureAsync(nodes, simulation, start, runs, steps));
                if (measured.Nodes != count)
                    throw new InvalidOperationException($"The run placed its tiles on {measured.Nodes} node(s), not {count}.");
                if (one is null)
                {
                    one = measured;
                    yield return new Comparison("cluster-1024-1node", measured.Mcells, tiled, Mcells, Better.Higher);
                    continue;
                }

                string name = $"cluster-1024-{count}nodes";
                yield return new Comparison(name, measured.Mcells, one.Mcells, Mcells, Better.Higher);
                yield return new Comparison($"{name}-remote-bytes-per-step", measured.RemoteBytesPerStep, one.K2KBytesPerStep, "B/step", Better.Lower);
                yield return new Comparison(
                    $"{name}-remote-MBps", measured.RemoteBytesPerStep * measured.StepsPerSecond(equation.Size) / 1e6, one.K2KBytesPerStep * one.StepsPerSecond(equation.Size) / 1e6, "MB/s", Better.Higher);
            }

            HaloRoundTrips trips = Wait(HaloRoundTrips.StartAsync(nodes.Nodes[0], nodes.Nodes[1]));
            var remote = new LatencyRounds();
            var actor = new LatencyRounds();
            var serializer = new LatencyRounds();
            var tcp = new LatencyRounds();
            for (int round = 0; round < rounds; round++)
            {
                long[] k2k = K2KHaloRoundTrip.Measure(HostMemorySpace.Instance, samples / 4, samples);
                remote.Add(trips.Remote(samples / 4, samples), k2k);
                actor.Add(trips.Local(samples / 4, samples), k2k);
                serializer.Add(trips.Serialization(samples / 4, samples), k2k);
                tcp.Add(TcpHaloRoundTrip.Measure(samples / 4, samples), k2k);
            }

            yield return remote.Comparison("cluster-halo-rtt-p50", 50);
            yield return actor.Comparison("cluster-halo-actor-rtt-p50", 50);
            yield return serializer.Comparison("cluster-halo-msgpack-rtt-p50", 50);
            yield return tcp.Comparison("cluster-halo-tcp-rtt-p50", 50);

            int chunks = quick ? 4096 : 16384;
            double single = double.MaxValue, batched = double.MaxValue;
            for (int round = 0; round < rounds; round++)
            {
                single = Math.Min(single, trips.StreamTicksPerChunk(chunks, 1));
                batched = Math.Min(batched, trips.StreamTicksPerChunk(chunks, 8));
            }

            yield return new Comparison("cluster-halo-batch8-per-chunk", Microseconds(batched), Microseconds(single), "us", Better.Lower);
        }
        finally
        {
            Wait(nodes.DisposeAsync().AsTask());
        }
    }

    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private static void Wait(Task task) => task.GetAwaiter().GetResult();

    /// <summary>The same tiles in one plain actor system: <see cref="TiledHeat2D"/>, best Mcells/s after one warm-up run.</summary>
    private static async Task<double> TiledAsync(HeatEquation2D equation, TileGrid grid, TiledStencilOptions options, float[] start, int runs, int steps)
    {
        ActorSystem system = BenchmarkActorSystem.Create("cluster-baseline");
        try
        {
            await using TiledHeat2D tiled = await TiledHeat2D.StartAsync(system, new CpuBackend(), equation, grid, Halo, start, options);
            await tiled.RunStepsAsync(steps);
            double best = 0;
            for (int r = 0; r < runs; r++)
            {
                long begin = Stopwatch.GetTimestamp();
                await tiled.RunStepsAsync(steps);
                best = Math.Max(best, (double)equation.Size.CellCount * steps / Stopwatch.GetElapsedTime(begin).TotalSeconds / 1e6);
            }

            return best;
        }
        finally
        {
            BenchmarkActorSystem.Shutdown(system);
        }
    }

    private static double Microseconds(double ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
