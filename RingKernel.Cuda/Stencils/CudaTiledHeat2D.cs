using RingKernel.Cuda.Compilation;
using RingKernel.Cuda.K2K;
using RingKernel.Cuda.Kernels;
using RingKernel.Cuda.Memory;
using RingKernel.Cuda.Modules;
using RingKernel.Cuda.Streams;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;

namespace RingKernel.Cuda.Stencils;

/// <summary>
/// The 2D heat equation as tiles that exchange halos over device K2K (halo_heat2d.cu): the grid cut
/// by <see cref="TileGrid"/>, one block per tile, all resident (a cooperative launch), each tile's four
/// edge strips sent every step as <see cref="HaloChunk"/> messages on the routes of a
/// <see cref="K2KFabric"/> that <see cref="TileGridRoutes.ConnectNeighbourhood"/> wired (tile i is
/// kernel i), with no host involvement until the last step. Bit for bit <see cref="HeatReference2D"/>.
/// </summary>
public static class CudaTiledHeat2D
{
    private const string Program = "halo_heat2d.cu";

    /// <summary>
    /// Runs <paramref name="steps"/> steps of <paramref name="equation"/> from <paramref name="field"/>
    /// (updated in place) on the grid cut into <paramref name="tiles"/> (X by Y, each dividing its
    /// extent); returns the device's count of halo chunks out of sequence, step or order (0 when correct).
    /// </summary>
    /// <exception cref="ArgumentException">The tile counts do not divide the grid.</exception>
    public static uint Run(CudaBackend backend, HeatEquation2D equation, float[] field, int steps, Dim3 tiles, int threadsPerTile = 128)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(equation);
        ArgumentNullException.ThrowIfNull(field);
        StencilFields.CheckLength(field.Length, equation.Size, nameof(field));
        TileGrid grid = TileGrid.Create(equation.Size, tiles);
        GridSize tile = grid.TileSize;

        // The fabric formats each inbox's ring header and writes each route entry through the buffer's
        // host pointer, and its routes read their cursors there: device memory has none, so the
        // routing tables and inboxes are in the backend's pinned host memory mapped into the device.
        using K2KFabric fabric = ConnectTiles(backend.MemorySpace, grid, equation.Boundary.Kind);
        var space = (CudaMemorySpace)backend.DeviceMemory;
        byte[] endpointBytes = CudaK2KBinding.Endpoints(fabric, grid.TileCount);
        using var endpoints = (CudaDeviceBuffer)space.Allocate(endpointBytes.Length, 256);
        endpoints.Upload<byte>(endpointBytes);
        using var fieldIn = (CudaDeviceBuffer)space.Allocate((long)field.Length * sizeof(float), 256);
        fieldIn.Upload<float>(field);
        using var fieldOut = (CudaDeviceBuffer)space.Allocate((long)field.Length * sizeof(float), 256);
        using var scratch = (CudaDeviceBuffer)space.Allocate(2L * (tile.Width + 2) * (tile.Height + 2) * grid.TileCount * sizeof(float), 256);
        using var errors = (CudaDeviceBuffer)space.Allocate(sizeof(uint), 256);

        var kernel = new KernelDefinition<Args>("halo_heat2d", new LaunchOptions(grid.TileCount, threadsPerTile))
            .WithCuda(new CudaKernelBody<Args>(Program, CudaKernelSources.Read(Program), "halo_heat2d", 12, static (args, ref parameters) =>
            {
                parameters.Address(args.FieldIn);
                parameters.Address(args.FieldOut);
                parameters.Value(args.Grid.Size.Width);
                parameters.Value(args.Grid.TileSize.Width);
                parameters.Value(args.Grid.TileSize.Height);
                parameters.Value(args.Grid.Tiles.X);
                parameters.Value(args.Equation.Alpha);
                parameters.Value(args.Equation.Boundary.FixedValue);
                parameters.Value(args.Steps);
                parameters.Address(args.Endpoints);
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
            var args = new Args(equation, grid, fieldIn, fieldOut, steps, endpoints, scratch, errors);
            CudaLauncher.Launch(backend.FunctionOf(body), kernel, body, args, stream.Handle);
            stream.Synchronize();
        }

        fieldOut.Download<float>(field);
        uint[] errorCount = new uint[1];
        errors.Download<uint>(errorCount);
        return errorCount[0];
    }

    /// <summary>
    /// The tiles' K2K fabric in <paramref name="memory"/>: tile i is kernel i, with a route across each
    /// face that has a neighbour in <paramref name="grid"/> for <paramref name="boundary"/>, landing in
    /// that neighbour's inbox for the opposite face. Unchecksummed, as the Vulkan tiles: the kernel
    /// checks each chunk's sequence number, step and chunk number instead.
    /// </summary>
    internal static K2KFabric ConnectTiles(IMemorySpace memory, TileGrid grid, BoundaryKind boundary)
    {
        var fabric = new K2KFabric(memory, HaloInboxes.CreateTypes(), InboxCapacity(grid.TileSize.Width, grid.TileSize.Height), HaloChunk.InboxSlotSize, checksummed: false);
        try
        {
            fabric.ConnectNeighbourhood(grid, K2KNeighbourhood.VonNeumann, boundary);
            return fabric;
        }
        catch
        {
            fabric.Dispose();
            throw;
        }
    }

    /// <summary>Inbox slots per face: two steps of chunks in flight (a neighbour is at most one step ahead), a power of two.</summary>
    internal static int InboxCapacity(int tileWidth, int tileHeight)
    {
        int longest = Math.Max(tileWidth, tileHeight);
        int chunks = (longest + HaloChunk.Capacity - 1) / HaloChunk.Capacity;
        return (int)Math.Max(2u, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(2 * chunks)));
    }

    private readonly record struct Args(
        HeatEquation2D Equation, TileGrid Grid, CudaDeviceBuffer FieldIn, CudaDeviceBuffer FieldOut, int Steps,
        CudaDeviceBuffer Endpoints, CudaDeviceBuffer Scratch, CudaDeviceBuffer Errors);
}
