using System.Diagnostics;
using RingKernel.Layouts;
using RingKernel.K2K;
using RingKernel.Memory;
using RingKernel.Stencils.Halo;

namespace RingKernel.Benchmarks.Cluster;

/// <summary>
/// A halo chunk's round trip between two tiles on one node: tile 0 sends a full chunk
/// (<see cref="HaloChunk.Size"/> bytes, CRC-32C checked, as the cluster's tiles send them) on its
/// X+ K2K route, tile 1 polls its inbox, receives it and sends it back on its X- route, and tile 0
/// polls its own inbox until it is back. Each tile is a thread that polls its inbox as a tile's
/// kernel loop does between steps.
/// </summary>
internal static class K2KHaloRoundTrip
{
    private const int Out = (int)K2KDirection.XPlus;
    private const int Back = (int)K2KDirection.XMinus;

    public static long[] Measure(IMemorySpace memory, int warmup, int samples)
    {
        using var fabric = new K2KFabric(memory, HaloInboxes.CreateTypes(), inboxCapacity: 16, HaloChunk.InboxSlotSize, checksummed: true, "compare-cluster-k2k");
        K2KEndpoint tile = fabric.Register(0), neighbour = fabric.Register(1);
        fabric.Connect(0, K2KDirection.XPlus, 1);
        fabric.Connect(1, K2KDirection.XMinus, 0);
        var stop = new CancellationTokenSource();
        var echo = new Thread(() => Echo(neighbour, stop.Token)) { IsBackground = true, Name = "k2k-echo" };
        echo.Start();
        try
        {
            byte[] chunk = new byte[HaloChunk.Size], answer = new byte[HaloChunk.Size];
            Random.Shared.NextBytes(chunk);
            for (int i = 0; i < warmup; i++)
                RoundTrip(tile, chunk, answer);
            var ticks = new long[samples];
            for (int i = 0; i < samples; i++)
            {
                long start = Stopwatch.GetTimestamp();
                RoundTrip(tile, chunk, answer);
                ticks[i] = Stopwatch.GetTimestamp() - start;
            }

            if (!chunk.AsSpan().SequenceEqual(answer))
                throw new InvalidOperationException("The K2K echo answered other bytes than the chunk sent.");
            return ticks;
        }
        finally
        {
            stop.Cancel();
            echo.Join();
        }
    }

    private static void RoundTrip(K2KEndpoint tile, byte[] chunk, byte[] answer)
    {
        var spin = new SpinWait();
        while (!tile.TrySendBytes(Out, HaloChunk.TypeId, chunk))
            spin.SpinOnce(sleep1Threshold: -1);
        spin.Reset();
        while (!tile.TryReceiveBytes(Out, answer, out _, out _))
            spin.SpinOnce(sleep1Threshold: -1);
    }

    private static void Echo(K2KEndpoint neighbour, CancellationToken stop)
    {
        byte[] chunk = new byte[HaloChunk.Size];
        var spin = new SpinWait();
        while (!stop.IsCancellationRequested)
        {
            if (!neighbour.TryReceiveBytes(Back, chunk, out int length, out _))
            {
                spin.SpinOnce(sleep1Threshold: -1);
                continue;
            }

            spin.Reset();
            while (!neighbour.TrySendBytes(Back, HaloChunk.TypeId, chunk.AsSpan(0, length)))
                spin.SpinOnce(sleep1Threshold: -1);
        }
    }
}
