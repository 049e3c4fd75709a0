using RingKernel.Cuda.Compilation;
using RingKernel.Cuda.K2K;
using RingKernel.Cuda.Kernels;
using RingKernel.Cuda.Memory;
using RingKernel.Cuda.Modules;
using RingKernel.Cuda.Streams;
using RingKernel.Kernels;
using RingKernel.Stencils.Halo;

namespace RingKernel.Cuda.Halo;

/// <summary>
/// Every 2D heat tile of a grid as one block of the cooperative kernel <c>halo_heat2d.cu</c>: the
/// <see cref="TileGroup"/> the CUDA backend's tile kernel runs. Each tile's cells and halo stay in
/// device memory; the tiles trade a one-cell halo every step as <see cref="RingKernel.Layouts.HaloChunk"/> K2K messages
/// on the routes of the engine's <see cref="RingKernel.K2K.K2KFabric"/>, with no host involvement inside a
/// launch (every block is resident, so a tile may wait for its neighbour's strip). The result equals
/// <see cref="RingKernel.Stencils.HeatReference2D"/> bit for bit.
/// </summary>
/// <remarks>
/// A run is one launch per epoch (epochs start at multiples of <see cref="DeviceTileGroup.Halo"/> steps). Each tile checks
/// every chunk's K2K sequence number, type, step, chunk numbers and element count, and waits a bounded
/// time for a chunk; the first chunk that does not belong or does not come ends the launch and the
/// command with a <see cref="HaloEpochException"/> saying which tile, step and inbox. The fabric's routing tables and inboxes are in the backend's pinned host memory mapped into
/// the device (the fabric formats inboxes and writes routes through host pointers), so halo chunks
/// cross to host memory and back.
/// </remarks>
public sealed class CudaTileGroup : DeviceTileGroup
{
    private const string Program = "halo_heat2d.cu";

    private readonly CudaBackend _backend;
    private readonly float _alpha;
    private readonly int _threadsPerTile;
    private readonly CudaDeviceBuffer _fields;
    private readonly CudaDeviceBuffer _faults;
    private readonly CudaStream _stream;
    private readonly uint[] _faultWords = new uint[HaloFault.Bytes / sizeof(uint)];
    private CudaDeviceBuffer? _endpoints;
    private KernelDefinition<Epoch>? _kernel;

    internal CudaTileGroup(CudaBackend backend, IReadOnlyList<StencilTile> tiles, int threadsPerTile)
        : base(tiles)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threadsPerTile, 1);
        _alpha = tiles[0] is HeatTile2D heat
            ? heat.Alpha
            : throw new NotSupportedException($"CUDA runs heat 2D tiles; tile 0 is a {tiles[0].GetType().Name}.");
        _backend = backend;
        _threadsPerTile = threadsPerTile;
        var space = (CudaMemorySpace)backend.DeviceMemory;
        try
        {
            _fields = (CudaDeviceBuffer)space.Allocate((long)FieldsLength * sizeof(float), 256);
            _faults = (CudaDeviceBuffer)space.Allocate(HaloFault.Bytes, 256);
            _stream = new CudaStream(backend.Context);
        }
        catch
        {
            Dispose();
            throw;
        }

        WriteFields(InitialFields());
        ClearFault();
    }

    public override string ToString() => $"{Grid}, {Boundary} boundary, one block per tile on CUDA";

    /// <summary>One cooperative launch, which exchanges the halo every step and leaves every inbox empty.</summary>
    protected override void RunEpoch(uint firstStep, uint steps, uint phase, bool last) => Launch(new Epoch(CurrentLevel, firstStep, steps));

    protected override void OnConnected()
    {
        byte[] endpoints = CudaK2KBinding.Endpoints(Fabric, TileCount);
        _endpoints?.Dispose();
        _endpoints = (CudaDeviceBuffer)_backend.DeviceMemory.Allocate(endpoints.Length, 256);
        _endpoints.Upload<byte>(endpoints);
        _kernel = CreateKernel();
    }

    protected override void ReadFields(Span<float> fields) => _fields.Download(fields);

    protected override void WriteFields(ReadOnlySpan<float> fields) => _fields.Upload(fields);

    protected override void ClearFault() => _faults.Upload<uint>(new uint[_faultWords.Length]);

    protected override void Dispose(bool disposing)
    {
        _stream?.Dispose();
        _fields?.Dispose();
        _faults?.Dispose();
        _endpoints?.Dispose();
        base.Dispose(disposing);
    }

    private void Launch(Epoch epoch)
    {
        KernelDefinition<Epoch> kernel = _kernel ?? throw new InvalidOperationException("The tile group is not connected to its K2K fabric.");
        CudaKernelBody<Epoch> body = CudaBackend.BodyOf(kernel);
        CudaLauncher.Launch(_backend.FunctionOf(body), kernel, body, epoch, _stream.Handle);
        _stream.Synchronize();
        _faults.Download<uint>(_faultWords);
        HaloFault fault = HaloFault.Read(_faultWords);
        if (fault.Code != 0)
            throw fault.ToException();
    }

    private KernelDefinition<Epoch> CreateKernel()
    {
        HaloTileLayout layout = Layout;
        var body = new CudaKernelBody<Epoch>(Program, CudaKernelSources.Read(Program), "halo_heat2d", 13, (epoch, ref parameters) =>
        {
            parameters.Address(_fields);
            parameters.Value(layout.Length);
            parameters.Value(layout.PaddedWidth);
            parameters.Value(layout.Halo);
            parameters.Value(layout.TileSize.Width);
            parameters.Value(layout.TileSize.Height);
            parameters.Value(_alpha);
            parameters.Value((int)epoch.CurrentLevel);
            parameters.Value(epoch.FirstStep);
            parameters.Value((int)epoch.Steps);
            parameters.Value(ChunkElements);
            parameters.Address(_endpoints!);
            parameters.Address(_faults);
        })
        {
            // Tiles wait for their neighbours' halos: every block must be resident at once.
            Cooperative = true,
        };
        return new KernelDefinition<Epoch>("halo_heat2d", new LaunchOptions(TileCount, _threadsPerTile)).WithCuda(body);
    }

    /// <summary>One launch: the level holding the cells, the first step and how many.</summary>
    private readonly record struct Epoch(uint CurrentLevel, uint FirstStep, uint Steps);
}
