using RingKernel.Cuda;
using RingKernel.Cuda.K2K;
using RingKernel.Cuda.Kernels;
using RingKernel.Cuda.Memory;
using RingKernel.Cuda.Modules;
using RingKernel.Cuda.Streams;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Rings;
using RingKernel.Stencils;
using RingKernel.TestKernels;

namespace RingKernel.Tests.Cuda;

/// <summary>
/// Runs k2k_exchange.cu over a periodic grid of kernels (blocks, one per tile of a grid of one-cell
/// tiles) that a <see cref="K2KFabric"/> wires in all 26 directions: each kernel sends
/// <c>messagesPerRoute</c> probes along each route and receives as many from each inbox. Returns what
/// every kernel received, per direction of travel and sequence, and the device's count of messages
/// out of sequence, malformed or delivered twice.
/// </summary>
internal static class CudaK2KExchange
{
    /// <summary>The K2K message type id of the kernel's 16-byte probes.</summary>
    public const uint ProbeTypeId = 0x5052_4F42;

    private const string Program = "k2k_exchange.cu";

    /// <summary>A message header and a probe, rounded to a slot.</summary>
    private const int SlotSize = 128;

    /// <summary>A periodic grid of <paramref name="kernels"/> as tiles of one cell each.</summary>
    public static TileGrid Grid(Dim3 kernels) => TileGrid.Create(new GridSize(kernels.X, kernels.Y, kernels.Z), kernels);

    /// <summary>Kernel k of <paramref name="grid"/> has a route to each of its 26 neighbours, landing in the neighbour's inbox for the opposite direction.</summary>
    public static K2KFabric Connect(IMemorySpace memory, TileGrid grid, int inboxCapacity)
    {
        var fabric = new K2KFabric(memory, new MessageTypeRegistry(SlotSize - MessageHeader.Size).RegisterBytes(ProbeTypeId), inboxCapacity, SlotSize, checksummed: false);
        fabric.ConnectNeighbourhood(grid, K2KNeighbourhood.Moore, BoundaryKind.Periodic);
        return fabric;
    }

    /// <summary>The value a probe from <paramref name="source"/> in <paramref name="direction"/> with <paramref name="sequence"/> carries (as the kernel computes it).</summary>
    public static uint ProbeValue(int source, int direction, int sequence) => (uint)((source * 1_000_000) + (direction * 1000) + sequence);

    /// <summary>Every kernel received, per direction of travel d, exactly the probes its neighbour across Opposite(d) in <paramref name="grid"/> sent in d, in sequence.</summary>
    public static void AssertEveryProbeArrived(TileGrid grid, uint[] received, int messagesPerRoute)
    {
        for (int kernel = 0; kernel < grid.TileCount; kernel++)
        {
            for (int d = 0; d < K2KDirections.Count; d++)
            {
                Assert.True(grid.TryGetNeighbour(grid.TileAt(kernel), ((K2KDirection)d).Opposite().Offset(), BoundaryKind.Periodic, out Index3 sender));
                int source = grid.IndexOf(sender);
                for (int sequence = 0; sequence < messagesPerRoute; sequence++)
                {
                    uint value = received[(((kernel * K2KDirections.Count) + d) * messagesPerRoute) + sequence];
                    Assert.True(ProbeValue(source, d, sequence) == value,
                        $"kernel {kernel}, direction {(K2KDirection)d}, message {sequence}: expected {ProbeValue(source, d, sequence)}, got {value}.");
                }
            }
        }
    }

    /// <summary>received[k][d][s]: the value kernel k received from direction d, sequence s (0xFFFFFFFF: nothing).</summary>
    public static (uint[] Received, uint Errors) Run(CudaBackend backend, TileGrid grid, int messagesPerRoute, int inboxCapacity)
    {
        int kernels = grid.TileCount;
        // Pinned mapped memory: the fabric formats inboxes and writes routes through host pointers.
        using K2KFabric fabric = Connect(backend.MemorySpace, grid, inboxCapacity);
        var space = (CudaMemorySpace)backend.DeviceMemory;
        byte[] endpointBytes = CudaK2KBinding.Endpoints(fabric, kernels);
        using var endpoints = (CudaDeviceBuffer)space.Allocate(endpointBytes.Length, 256);
        endpoints.Upload<byte>(endpointBytes);
        uint[] received = new uint[kernels * K2KDirections.Count * messagesPerRoute];
        Array.Fill(received, uint.MaxValue);
        using var receivedMemory = (CudaDeviceBuffer)space.Allocate((long)received.Length * sizeof(uint), 256);
        receivedMemory.Upload<uint>(received);
        using var errors = (CudaDeviceBuffer)space.Allocate(sizeof(uint), 256);

        var kernel = new KernelDefinition<Args>("k2k_exchange", new LaunchOptions(kernels, 32))
            .WithCuda(new CudaKernelBody<Args>(Program, TestKernelFiles.CudaSource(Program), "k2k_exchange", 5, static (args, ref parameters) =>
            {
                parameters.Address(args.Endpoints);
                parameters.Value(ProbeTypeId);
                parameters.Value((uint)args.MessagesPerRoute);
                parameters.Address(args.Received);
                parameters.Address(args.Errors);
            })
            {
                // Every kernel waits for its neighbours' messages: all blocks must be resident at once.
                Cooperative = true,
            });
        using (var stream = new CudaStream(backend.Context))
        {
            CudaKernelBody<Args> body = CudaBackend.BodyOf(kernel);
            CudaLauncher.Launch(backend.FunctionOf(body), kernel, body, new Args(endpoints, messagesPerRoute, receivedMemory, errors), stream.Handle);
            stream.Synchronize();
        }

        receivedMemory.Download<uint>(received);
        uint[] errorCount = new uint[1];
        errors.Download<uint>(errorCount);
        return (received, errorCount[0]);
    }

    private readonly record struct Args(CudaDeviceBuffer Endpoints, int MessagesPerRoute, CudaDeviceBuffer Received, CudaDeviceBuffer Errors);
}
