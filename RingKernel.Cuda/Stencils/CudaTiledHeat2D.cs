using RingKernel.Cuda.Compilation;
using RingKernel.Cuda.K2K;
using RingKernel.Cuda.Kernels;
using RingKernel.Cuda.Memory;
using RingKernel.Cuda.Modules;
using RingKernel.Cuda.Streams;
using RingKernel.Kernels;
using RingKernel.Layouts;
using RingKernel.Stencils;

namespace RingKernel.Cuda.Stencils;

/// <summary>
/// The 2D heat equation as tiles that exchange halos over device K2K (halo_heat2d.cu): one block per
/// tile, all resident (a cooperative launch), each tile's four edge strips sent to its face
/// neighbours every step as HaloChunk messages, with no host involvement until the last step. Bit
/// for bit <see cref="HeatReference2D"/>.
/// </summary>
public static class CudaTiledHeat2D
{
    private const string Program = "halo_heat2d.cu";

    private const int Faces = 4;

    /// <summary>Face f's neighbour tile on a <paramref name="tilesX"/> x <paramref name="tilesY"/> tiling, or null at a fixed boundary.</summary>
    internal static int? NeighbourTile(int tile, int face, int tilesX, int tilesY, bool periodic)
    {
        int x = tile % tilesX, y = tile / tilesX;
        (int dx, int dy) = face switch { 0 => (-1, 0), 1 => (1, 0), 2 => (0, -1), _ => (0, 1) };
        int nx = x + dx, ny = y + dy;
        bool inside = (uint)nx < (uint)tilesX && (uint)ny < (uint)tilesY;
        if (!inside && !periodic)
            return null;
        nx = ((nx % tilesX) + tilesX) % tilesX;
        ny = ((ny % tilesY) + tilesY) % tilesY;
        return nx + (tilesX * ny);
    }

    /// <summary>Routes: the strip leaving tile t through face f fills the halo on the opposite face of t's neighbour (its inbox of that face).</summary>
    internal static DeviceRouteTable Routes(int tilesX, int tilesY, bool periodic, ulong inboxBase, int inboxCapacity) =>
        DeviceRouteTable.Build(tilesX * tilesY, Faces,
            (tile, face) => NeighbourTile(tile, face, tilesX, tilesY, periodic) is { } target ? new DeviceRoute(target, face ^ 1) : null,
            inboxBase, inboxCapacity, HaloChunk.InboxSlotSize);

    /// <summary>Inbox slots per face: two steps of chunks in flight (a neighbour is at most one step ahead), a power of two.</summary>
    internal static int InboxCapacity(int tileWidth, int tileHeight)
    {
        int longest = Math.Max(tileWidth, tileHeight);
        int chunks = (longest + HaloChunk.Capacity - 1) / HaloChunk.Capacity;
        return (int)Math.Max(2u, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(2 * chunks)));
    }

    /// <summary>Runs <paramref name="steps"/> steps of <paramref name="equation"/> from <paramref name="field"/> (updated in place) on tiles of <paramref name="tileWidth"/> x <paramref name="tileHeight"/>; returns the device's count of out-of-order halo chunks (0 when correct).</summary>
    public static uint Run(CudaBackend backend, HeatEquation2D equation, float[] field, int steps, int tileWidth, int tileHeight, int threadsPerTile = 128)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(equation);
        ArgumentNullException.ThrowIfNull(field);
        GridSize size = equation.Size;
        StencilFields.CheckLength(field.Length, size, nameof(field));
        if (tileWidth <= 0 || tileHeight <= 0 || size.Width % tileWidth != 0 || size.Height % tileHeight != 0)
            throw new ArgumentException($"Tiles of {tileWidth} x {tileHeight} do not divide the grid {size}.", nameof(tileWidth));
        int tilesX = size.Width / tileWidth, tilesY = size.Height / tileHeight, tiles = tilesX * tilesY;
        bool periodic = equation.Boundary.Kind == BoundaryKind.Periodic;
        var space = (CudaMemorySpace)backend.DeviceMemory;
        int capacity = InboxCapacity(tileWidth, tileHeight);
        long stride = (DeviceRouteTable.InboxSize(capacity, HaloChunk.InboxSlotSize) + 255) & ~255L;
        using var inboxMemory = (CudaDeviceBuffer)space.Allocate(stride * tiles * Faces, 256);
        DeviceRouteTable table = Routes(tilesX, tilesY, periodic, inboxMemory.DeviceAddress, capacity);
        inboxMemory.Upload<byte>(table.FormatInboxes());
        using var routes = (CudaDeviceBuffer)space.Allocate(table.RouteBytes.Length, 256);
        routes.Upload(table.RouteBytes);
        using var inboxes = (CudaDeviceBuffer)space.Allocate((long)table.Inboxes.Length * sizeof(ulong), 256);
        inboxes.Upload<ulong>(table.Inboxes);
        using var fieldIn = (CudaDeviceBuffer)space.Allocate((long)field.Length * sizeof(float), 256);
        fieldIn.Upload<float>(field);
        using var fieldOut = (CudaDeviceBuffer)space.Allocate((long)field.Length * sizeof(float), 256);
        using var scratch = (CudaDeviceBuffer)space.Allocate(2L * (tileWidth + 2) * (tileHeight + 2) * tiles * sizeof(float), 256);
        using var errors = (CudaDeviceBuffer)space.Allocate(sizeof(uint), 256);

        var kernel = new KernelDefinition<Args>("halo_heat2d", new LaunchOptions(tiles, threadsPerTile))
            .WithCuda(new CudaKernelBody<Args>(Program, CudaKernelSources.Read(Program), "halo_heat2d", 15, static (args, ref parameters) =>
            {
                parameters.Address(args.FieldIn);
                parameters.Address(args.FieldOut);
                parameters.Value(args.Equation.Size.Width);
                parameters.Value(args.Equation.Size.Height);
                parameters.Value(args.TileWidth);
                parameters.Value(args.TileHeight);
                parameters.Value(args.TilesX);
                parameters.Value(args.Equation.Alpha);
                parameters.Value(args.Equation.Boundary.Kind == BoundaryKind.Periodic ? 1 : 0);
                parameters.Value(args.Equation.Boundary.FixedValue);
                parameters.Value(args.Steps);
                parameters.Address(args.Routes);
                parameters.Address(args.Inboxes);
                parameters.Address(args.Scratch);
                parameters.Address(args.Errors);
            })
            {
                // Tiles wait for their neighbours' halos: every block must be resident at once.
                Cooperative = true,
            });
        using (var stream = new CudaStream(backend.Context))
        {
            CudaKernelBody<Args> body = CudaBackend.BodyOf(kernel);
            var args = new Args(equation, fieldIn, fieldOut, tileWidth, tileHeight, tilesX, steps, routes, inboxes, scratch, errors);
            CudaLauncher.Launch(backend.FunctionOf(body), kernel, body, args, stream.Handle);
            stream.Synchronize();
        }

        fieldOut.Download<float>(field);
        uint[] errorCount = new uint[1];
        errors.Download<uint>(errorCount);
        return errorCount[0];
    }

    private readonly record struct Args(
        HeatEquation2D Equation, CudaDeviceBuffer FieldIn, CudaDeviceBuffer FieldOut, int TileWidth, int TileHeight, int TilesX, int Steps,
        CudaDeviceBuffer Routes, CudaDeviceBuffer Inboxes, CudaDeviceBuffer Scratch, CudaDeviceBuffer Errors);
}
