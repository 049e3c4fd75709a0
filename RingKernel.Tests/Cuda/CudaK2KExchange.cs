using RingKernel.Cuda;
using RingKernel.Cuda.K2K;
using RingKernel.Cuda.Kernels;
using RingKernel.Cuda.Memory;
using RingKernel.Cuda.Modules;
using RingKernel.Cuda.Streams;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.TestKernels;

namespace RingKernel.Tests.Cuda;

/// <summary>
/// Runs k2k_exchange.cu over a periodic grid of kernels (blocks) wired in all 26 K2K directions:
/// each kernel sends <c>messagesPerRoute</c> probes along each route and receives as many from
/// each inbox. Returns what every kernel received, per direction of travel and sequence, and the
/// device's count of malformed or duplicated deliveries.
/// </summary>
internal static class CudaK2KExchange
{
    private const string Program = "k2k_exchange.cu";

    /// <summary>A probe's 16 bytes, rounded to a slot.</summary>
    private const int SlotSize = 16;

    /// <summary>The value a probe from <paramref name="source"/> in <paramref name="direction"/> with <paramref name="sequence"/> carries (as the kernel computes it).</summary>
    public static uint ProbeValue(int source, int direction, int sequence) => (uint)((source * 1_000_000) + (direction * 1000) + sequence);

    /// <summary>Kernel k's neighbour in <paramref name="direction"/> on a periodic <paramref name="grid"/>.</summary>
    public static int Neighbour(Dim3 grid, int kernel, K2KDirection direction)
    {
        Index3 at = grid.Delinearize(kernel);
        Index3 offset = direction.Offset();
        int x = Wrap(at.X + offset.X, grid.X), y = Wrap(at.Y + offset.Y, grid.Y), z = Wrap(at.Z + offset.Z, grid.Z);
        return grid.Linearize(new Index3(x, y, z));
    }

    /// <summary>The route table: route d of kernel k leads to inbox d (the direction of travel) of k's neighbour in d.</summary>
    public static DeviceRouteTable Routes(Dim3 grid, ulong inboxBase, int inboxCapacity) =>
        DeviceRouteTable.Build((int)grid.Count, K2KDirections.Count,
            (kernel, route) => new DeviceRoute(Neighbour(grid, kernel, (K2KDirection)route), route),
            inboxBase, inboxCapacity, SlotSize);

    /// <summary>received[k][d][s]: the value kernel k received from direction d, sequence s (0xFFFFFFFF: nothing).</summary>
    public static (uint[] Received, uint Errors) Run(CudaBackend backend, Dim3 grid, int messagesPerRoute, int inboxCapacity)
    {
        int kernels = (int)grid.Count;
        int routesPerKernel = K2KDirections.Count;
        var space = (CudaMemorySpace)backend.DeviceMemory;
        long inboxBytes = (DeviceRouteTable.InboxSize(inboxCapacity, SlotSize) + 255 & ~255L) * kernels * routesPerKernel;
        using var inboxMemory = (CudaDeviceBuffer)space.Allocate(inboxBytes, 256);
        DeviceRouteTable table = Routes(grid, inboxMemory.DeviceAddress, inboxCapacity);
        inboxMemory.Upload<byte>(table.FormatInboxes());
        using var routes = (CudaDeviceBuffer)space.Allocate(table.RouteBytes.Length, 256);
        routes.Upload(table.RouteBytes);
        using var inboxes = (CudaDeviceBuffer)space.Allocate((long)table.Inboxes.Length * sizeof(ulong), 256);
        inboxes.Upload<ulong>(table.Inboxes);
        uint[] received = new uint[kernels * routesPerKernel * messagesPerRoute];
        Array.Fill(received, uint.MaxValue);
        using var receivedMemory = (CudaDeviceBuffer)space.Allocate((long)received.Length * sizeof(uint), 256);
        receivedMemory.Upload<uint>(received);
        using var errors = (CudaDeviceBuffer)space.Allocate(sizeof(uint), 256);

        var kernel = new KernelDefinition<Args>("k2k_exchange", new LaunchOptions(kernels, 32))
            .WithCuda(new CudaKernelBody<Args>(Program, TestKernelFiles.CudaSource(Program), "k2k_exchange", 6, static (args, ref parameters) =>
            {
                parameters.Address(args.Routes);
                parameters.Address(args.Inboxes);
                parameters.Value((uint)K2KDirections.Count);
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
            CudaLauncher.Launch(backend.FunctionOf(body), kernel, body, new Args(routes, inboxes, messagesPerRoute, receivedMemory, errors), stream.Handle);
            stream.Synchronize();
        }

        receivedMemory.Download<uint>(received);
        uint[] errorCount = new uint[1];
        errors.Download<uint>(errorCount);
        return (received, errorCount[0]);
    }

    private static int Wrap(int value, int extent) => ((value % extent) + extent) % extent;

    private readonly record struct Args(CudaDeviceBuffer Routes, CudaDeviceBuffer Inboxes, int MessagesPerRoute, CudaDeviceBuffer Received, CudaDeviceBuffer Errors);
}
