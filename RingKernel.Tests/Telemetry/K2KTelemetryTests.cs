using RingKernel.Cpu;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Layouts;
using RingKernel.Rings;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;
using RingKernel.Telemetry;
using static RingKernel.Tests.Telemetry.TelemetryKernels;

namespace RingKernel.Tests.Telemetry;

/// <summary>A known halo exchange over K2K: its messages and bytes, counted by the fabric's routes and by the tiles.</summary>
public sealed class K2KTelemetryTests
{
    [Fact]
    public void A_halo_exchange_between_two_tiles_counts_every_chunk_and_its_bytes()
    {
        // Two 4x4 tiles side by side, halo 1: each sends its 4-cell edge to the other in chunks of 3 and 1 floats.
        string name = UniqueName("fabric");
        using var recorder = new TelemetryRecorder(RingKernelTags.K2KFabric, name);
        TileGrid grid = TileGrid.Create(new GridSize(8, 4), new Dim3(2, 1));
        using var fabric = new K2KFabric(new CpuBackend(1).MemorySpace, HaloInboxes.CreateTypes(), inboxCapacity: 4, inboxSlotSize: HaloChunk.InboxSlotSize, name: name);
        fabric.ConnectNeighbourhood(grid, K2KNeighbourhood.VonNeumann, BoundaryKind.Fixed);
        var layout = new HaloTileLayout(grid, 1);
        var left = new HaloExchange(fabric.Endpoint(0), layout, K2KDirections.VonNeumann2D, chunkElements: 3);
        var right = new HaloExchange(fabric.Endpoint(1), layout, K2KDirections.VonNeumann2D, chunkElements: 3);

        Exchange(left, right, layout, steps: 2);

        const int messages = 2 * 2 * 2;    // tiles x chunks per strip x steps
        long bytes = 2 * 2 * (HaloChunk.PayloadSize(3) + HaloChunk.PayloadSize(1));
        Assert.Equal(bytes, left.BytesSent + right.BytesSent);
        Assert.Equal(messages, recorder.ObserveOne(RingKernelInstruments.K2KMessages));
        Assert.Equal(bytes, recorder.ObserveOne(RingKernelInstruments.K2KBytes));
        Assert.Equal(bytes, recorder.Sum(RingKernelInstruments.HaloBytes));
        Assert.Equal((messages, bytes), (fabric.MessagesSent, fabric.BytesSent));
    }

    [Fact]
    public void A_route_torn_down_keeps_its_messages_in_the_fabric_count()
    {
        string name = UniqueName("fabric");
        using var recorder = new TelemetryRecorder(RingKernelTags.K2KFabric, name);
        var types = new MessageTypeRegistry(MessageHeader.Size).Register<long>(1);
        var fabric = new K2KFabric(new CpuBackend(1).MemorySpace, types, inboxSlotSize: 2 * MessageHeader.Size, name: name);
        K2KEndpoint sender = fabric.Register(1);
        K2KEndpoint receiver = fabric.Register(2);
        fabric.Connect(1, 0, 2, 0);
        for (long i = 0; i < 5; i++)
            sender.Send(0, i);
        for (int i = 0; i < 5; i++)
            Assert.True(receiver.TryReceive(0, out long _));

        fabric.Disconnect(1, 0);
        Assert.Equal(5, recorder.ObserveOne(RingKernelInstruments.K2KMessages));
        Assert.Equal(5 * sizeof(long), recorder.ObserveOne(RingKernelInstruments.K2KBytes));

        fabric.Dispose();
        Assert.Empty(recorder.Observe(RingKernelInstruments.K2KMessages));
    }

    /// <summary>Runs both tiles' exchanges of <paramref name="steps"/> epochs to the end, turn by turn on this thread.</summary>
    private static void Exchange(HaloExchange left, HaloExchange right, HaloTileLayout layout, int steps)
    {
        float[][] leftLevels = [new float[layout.Length]];
        float[][] rightLevels = [new float[layout.Length]];
        for (ulong step = 0; step < (ulong)steps; step++)
        {
            left.Begin(step, leftLevels);
            right.Begin(step, rightLevels);
            bool leftDone = false, rightDone = false;
            for (int turn = 0; !(leftDone && rightDone); turn++)
            {
                Assert.True(turn < 100, "the exchange made no progress");
                leftDone = leftDone || left.TryFinish();
                rightDone = rightDone || right.TryFinish();
            }
        }
    }
}
