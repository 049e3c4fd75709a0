using System.Numerics;
using System.Runtime.InteropServices;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Rings;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;
using RingKernel.Vulkan.Devices;
using RingKernel.Vulkan.Kernels;
using RingKernel.Vulkan.Shaders;

namespace RingKernel.Vulkan.Halo;

/// <summary>
/// A tiled stencil simulation on a Vulkan device (or a Metal one, through RingKernel.Metal's
/// MetalTiledStencil and the shader's MSL) in which every tile is a threadgroup actor: one
/// workgroup per tile, with its cells and a halo of <see cref="Halo"/> cells in device memory, trading
/// halo strips with its neighbours as <see cref="HaloChunk"/> K2K messages through the per-edge inboxes
/// of a <see cref="K2KFabric"/> allocated in the backend's memory space (the shader follows each
/// routing table's <see cref="RouteEntry.InboxAddress"/>). Heat 2D (<see cref="ForHeat"/>) or wave 3D
/// (<see cref="ForWave"/>); the result equals the single-grid reference bit for bit.
/// </summary>
/// <remarks>
/// <para>One dispatch per epoch of up to <see cref="Halo"/> steps (shader <c>halo_stencil.comp</c>):
/// each tile receives the halo of the epoch's first step, checks every chunk's step, face, sender,
/// width, chunk numbers and K2K sequence number, computes the epoch's steps over a region that
/// shrinks from the full halo to the tile (communication-avoiding: one exchange per h steps), and
/// sends the strips of the next epoch. A run starts with a dispatch that only sends. Vulkan gives no
/// forward-progress guarantee across workgroups, so no tile waits for another inside a dispatch:
/// what is sent in one dispatch is received in the next.</para>
/// <para>A chunk that does not belong stops the run: <see cref="RunSteps"/> throws a
/// <see cref="HaloEpochException"/> saying which tile, step, inbox and field, and the simulation is
/// faulted from then on. Not thread-safe.</para>
/// </remarks>
public sealed class VulkanTiledStencil : IDisposable
{
    private const int PushConstantBytes = 52;
    private const int LinkBytes = 8 + (K2KDirections.Count * 8) + (K2KDirections.Count * 4);
    private const uint KindHeat2D = 0;
    private const uint KindWave3D = 1;

    private readonly IShaderDevice _device;
    private readonly HaloTileLayout _layout;
    private readonly uint _kind;
    private readonly float[] _current;
    private readonly float[]? _previous;
    private readonly DeviceBuffer _fields;
    private readonly DeviceBuffer _links;
    private readonly DeviceBuffer _faults;
    private readonly KernelDefinition<VulkanHaloDispatch> _kernel;
    private uint _currentLevel;
    private Exception? _fault;
    private bool _disposed;

    private VulkanTiledStencil(IShaderDevice device, TileGrid grid, int halo, StencilBoundary boundary, uint kind, float coefficient, float[] current, float[]? previous, VulkanTiledStencilOptions options)
    {
        string? error = grid.CheckHaloWidth(halo);
        if (error is not null)
            throw new ArgumentOutOfRangeException(nameof(halo), halo, error);
        if (!device.SupportsBufferDeviceAddress)
            throw new NotSupportedException($"{device.DeviceName} has no buffer device addresses; the tiles reach their K2K inboxes by device address.");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkElements, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.ChunkElements, HaloChunk.Capacity);
        _device = device;
        Grid = grid;
        Boundary = boundary;
        Options = options;
        _kind = kind;
        _current = current;
        _previous = previous;
        _layout = new HaloTileLayout(grid, halo);
        LevelsExchanged = kind == KindWave3D && halo > 1 ? 2 : 1;
        Neighbourhood = halo == 1 ? K2KNeighbourhood.VonNeumann : K2KNeighbourhood.Moore;

        var haloTypes = new MessageTypeRegistry(HaloChunk.InboxSlotSize - MessageHeader.Size).Register<HaloChunk>(HaloChunk.TypeId);
        Fabric = new K2KFabric(device.MemorySpace, haloTypes, InboxCapacityFor(grid.Size.Is2D), HaloChunk.InboxSlotSize, checksummed: false);
        try
        {
            Fabric.ConnectNeighbourhood(grid, Neighbourhood, boundary.Kind);
            _fields = device.MemorySpace.Allocate((long)grid.TileCount * 2 * _layout.Length * sizeof(float));
            _links = device.MemorySpace.Allocate((long)grid.TileCount * LinkBytes);
            _faults = device.MemorySpace.Allocate(VulkanHaloFault.Bytes);
            WriteLinks();
            LoadFields();
            _kernel = CreateKernel(coefficient);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// Tiles <paramref name="equation"/>'s grid into <paramref name="tiles"/> with halos of
    /// <paramref name="halo"/> cells and loads <paramref name="field"/>, which <see cref="Snapshot"/> writes back.
    /// </summary>
    public static VulkanTiledStencil ForHeat(VulkanBackend backend, HeatEquation2D equation, Dim3 tiles, int halo, float[] field, VulkanTiledStencilOptions? options = null) =>
        ForHeatOn(backend, equation, tiles, halo, field, options);

    /// <summary>
    /// Tiles <paramref name="equation"/>'s grid into <paramref name="tiles"/> with halos of
    /// <paramref name="halo"/> cells and loads the two time levels, which <see cref="Snapshot"/> writes back.
    /// </summary>
    public static VulkanTiledStencil ForWave(VulkanBackend backend, WaveEquation3D equation, Dim3 tiles, int halo, float[] previous, float[] current, VulkanTiledStencilOptions? options = null) =>
        ForWaveOn(backend, equation, tiles, halo, previous, current, options);

    /// <summary><see cref="ForHeat"/> on any device that runs this project's shaders.</summary>
    internal static VulkanTiledStencil ForHeatOn(IShaderDevice backend, HeatEquation2D equation, Dim3 tiles, int halo, float[] field, VulkanTiledStencilOptions? options)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(equation);
        ArgumentNullException.ThrowIfNull(field);
        CheckLength(field, equation.Size, nameof(field));
        return new VulkanTiledStencil(backend, TileGrid.Create(equation.Size, tiles), halo, equation.Boundary, KindHeat2D, equation.Alpha, field, null, options ?? new VulkanTiledStencilOptions());
    }

    /// <summary><see cref="ForWave"/> on any device that runs this project's shaders.</summary>
    internal static VulkanTiledStencil ForWaveOn(IShaderDevice backend, WaveEquation3D equation, Dim3 tiles, int halo, float[] previous, float[] current, VulkanTiledStencilOptions? options)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(equation);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        if (equation.Size.Is2D)
            throw new ArgumentException($"The tiled wave runs on a 3D grid; {equation.Size} has a depth of 1.", nameof(equation));
        CheckLength(previous, equation.Size, nameof(previous));
        CheckLength(current, equation.Size, nameof(current));
        return new VulkanTiledStencil(backend, TileGrid.Create(equation.Size, tiles), halo, equation.Boundary, KindWave3D, equation.C2, current, previous, options ?? new VulkanTiledStencilOptions());
    }

    public TileGrid Grid { get; }

    public int Halo => _layout.Halo;

    public StencilBoundary Boundary { get; }

    public VulkanTiledStencilOptions Options { get; }

    /// <summary>Faces only for a halo of 1; faces, edges and corners for wider halos.</summary>
    public K2KNeighbourhood Neighbourhood { get; }

    /// <summary>Padded levels each strip carries: the current, and for a wave with a halo wider than 1 also the previous.</summary>
    public int LevelsExchanged { get; }

    /// <summary>The K2K fabric the tiles' routes and inboxes live in (tile i is kernel i).</summary>
    public K2KFabric Fabric { get; }

    /// <summary>Steps done since the start.</summary>
    public long StepsDone { get; private set; }

    /// <summary>Dispatches run so far (one per epoch, plus one that only sends at the start of each <see cref="RunSteps"/>).</summary>
    public long Dispatches { get; private set; }

    /// <summary>Halo chunks the strip from a tile in <paramref name="direction"/> takes, per epoch.</summary>
    public int ChunksPerStrip(K2KDirection direction) => ChunkCount(_layout.ReceiveRegion(direction).CellCount * LevelsExchanged);

    /// <summary>
    /// Advances <paramref name="steps"/> steps: a dispatch that sends the halo of the current step,
    /// then one dispatch per epoch of up to <see cref="Halo"/> steps.
    /// </summary>
    /// <exception cref="HaloEpochException">A tile received a chunk that does not belong to its epoch or inbox, or found chunks missing; the simulation is faulted.</exception>
    /// <exception cref="InvalidOperationException">A tile found no room for a strip in its neighbour's inbox (inboxes are sized for two strips, so only a tampered ring gets here), or the simulation faulted earlier.</exception>
    public void RunSteps(int steps)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        if (_fault is not null)
            throw new InvalidOperationException("The tiled simulation faulted earlier; create a new one.", _fault);
        if (StepsDone + steps > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"Steps are numbered in 32 bits on the device; {StepsDone} + {steps} is too many.");
        if (steps == 0)
            return;

        uint step = (uint)StepsDone;
        Run(new VulkanHaloDispatch(_currentLevel, 0, 0, step, Receive: false, Send: true));
        int remaining = steps;
        while (remaining > 0)
        {
            int epoch = Math.Min(Halo, remaining);
            remaining -= epoch;
            Options.BeforeEpoch?.Invoke(step);
            Run(new VulkanHaloDispatch(_currentLevel, (uint)epoch, step, step + (uint)epoch, Receive: true, Send: remaining > 0));
            step += (uint)epoch;
            StepsDone += epoch;
            _currentLevel ^= (uint)(epoch & 1);
        }
    }

    /// <summary>Writes every tile's cells into the fields given at creation (the heat field, or the wave's two levels).</summary>
    public void Snapshot()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ReadOnlySpan<float> fields = _fields.AsSpan<float>(0, (int)(_fields.Length / sizeof(float)));
        for (int tile = 0; tile < Grid.TileCount; tile++)
        {
            StoreInterior(fields, tile, (int)_currentLevel, _current);
            if (_previous is not null)
                StoreInterior(fields, tile, (int)(1 - _currentLevel), _previous);
        }
    }

    /// <summary>Frees the fields, links and the K2K fabric.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _fields?.Dispose();
        _links?.Dispose();
        _faults?.Dispose();
        Fabric.Dispose();
    }

    public override string ToString() => $"{Grid}, halo {Halo}, {Boundary} boundary, on {_device.ApiName}";

    private static void CheckLength(float[] field, GridSize size, string name)
    {
        if (field.Length != size.CellCount)
            throw new ArgumentException($"A field over the {size} grid has {size.CellCount} cells; {name} has {field.Length}.", name);
    }

    private void Run(VulkanHaloDispatch dispatch)
    {
        _device.Dispatch(_kernel, dispatch);
        Dispatches++;
        VulkanHaloFault fault = VulkanHaloFault.Read(_faults.AsSpan<uint>(0, VulkanHaloFault.Bytes / sizeof(uint)));
        if (fault.Code != 0)
        {
            _fault = fault.ToException();
            throw _fault;
        }
    }

    private int ChunkCount(int elements) => (elements + Options.ChunkElements - 1) / Options.ChunkElements;

    // Workgroups of one dispatch run in any order, so a sender may publish the next epoch's strip
    // before its receiver has taken this epoch's: an inbox holds two strips at most.
    private int InboxCapacityFor(bool is2D)
    {
        int largest = K2KDirections.Of(Neighbourhood, !is2D).Max(d => ChunksPerStrip(d));
        return (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(SlotRing.MinCapacity, 2 * largest));
    }

    private void WriteLinks()
    {
        Span<byte> links = _links.AsSpan<byte>(0, (int)_links.Length);
        for (int tile = 0; tile < Grid.TileCount; tile++)
        {
            Span<byte> link = links.Slice(tile * LinkBytes, LinkBytes);
            K2KEndpoint endpoint = Fabric.Endpoint((uint)tile);
            Span<ulong> addresses = MemoryMarshal.Cast<byte, ulong>(link[..(8 + (K2KDirections.Count * 8))]);
            Span<uint> sources = MemoryMarshal.Cast<byte, uint>(link[(8 + (K2KDirections.Count * 8))..]);
            addresses[0] = endpoint.RoutingTable.DeviceAddress;
            for (int d = 0; d < K2KDirections.Count; d++)
            {
                K2KRoute? inbox = endpoint.FindInbox(d);
                addresses[1 + d] = inbox?.InboxBuffer.DeviceAddress ?? 0;
                sources[d] = inbox?.SourceKernelId ?? 0;
            }
        }
    }

    private void LoadFields()
    {
        Span<float> fields = _fields.AsSpan<float>(0, (int)(_fields.Length / sizeof(float)));
        // Halo cells across the grid's edge keep the fixed value; the tiles never write them.
        fields.Fill(Boundary.Kind == BoundaryKind.Fixed ? Boundary.FixedValue : 0f);
        for (int tile = 0; tile < Grid.TileCount; tile++)
        {
            LoadInterior(fields, tile, 0, _current);
            if (_previous is not null)
                LoadInterior(fields, tile, 1, _previous);
        }
    }

    private void LoadInterior(Span<float> fields, int tile, int level, float[] grid)
    {
        Index3 origin = Grid.OriginOf(Grid.TileAt(tile));
        Span<float> padded = fields.Slice(((tile * 2) + level) * _layout.Length, _layout.Length);
        GridSize size = _layout.TileSize;
        for (int z = 0; z < size.Depth; z++)
        {
            for (int y = 0; y < size.Height; y++)
                grid.AsSpan(Grid.Size.Index(origin.X, origin.Y + y, origin.Z + z), size.Width).CopyTo(padded.Slice(_layout.Index(0, y, z), size.Width));
        }
    }

    private void StoreInterior(ReadOnlySpan<float> fields, int tile, int level, float[] grid)
    {
        Index3 origin = Grid.OriginOf(Grid.TileAt(tile));
        ReadOnlySpan<float> padded = fields.Slice(((tile * 2) + level) * _layout.Length, _layout.Length);
        GridSize size = _layout.TileSize;
        for (int z = 0; z < size.Depth; z++)
        {
            for (int y = 0; y < size.Height; y++)
                padded.Slice(_layout.Index(0, y, z), size.Width).CopyTo(grid.AsSpan(Grid.Size.Index(origin.X, origin.Y + y, origin.Z + z), size.Width));
        }
    }

    private KernelDefinition<VulkanHaloDispatch> CreateKernel(float coefficient)
    {
        GridSize tileSize = _layout.TileSize;
        var body = new VulkanKernelBody<VulkanHaloDispatch>(VulkanShaders.Spirv("halo_stencil"), 3, PushConstantBytes, (dispatch, bindings) =>
        {
            bindings.StorageBuffer(0, _fields);
            bindings.StorageBuffer(1, _links);
            bindings.StorageBuffer(2, _faults);
            bindings.PushConstant(0, (uint)tileSize.Width);
            bindings.PushConstant(4, (uint)tileSize.Height);
            bindings.PushConstant(8, (uint)tileSize.Depth);
            bindings.PushConstant(12, (uint)Halo);
            bindings.PushConstant(16, _kind);
            bindings.PushConstant(20, (uint)LevelsExchanged);
            bindings.PushConstant(24, dispatch.CurrentLevel);
            bindings.PushConstant(28, dispatch.Steps);
            bindings.PushConstant(32, dispatch.ReceiveStep);
            bindings.PushConstant(36, dispatch.SendStep);
            bindings.PushConstant(40, (dispatch.Receive ? 1u : 0u) | (dispatch.Send ? 2u : 0u));
            bindings.PushConstant(44, (uint)Options.ChunkElements);
            bindings.PushConstant(48, coefficient);
        });
        var options = new LaunchOptions(new Dim3(Grid.TileCount), new Dim3(Options.WorkgroupThreads));
        return _device.Adopt(new KernelDefinition<VulkanHaloDispatch>(_kind == KindHeat2D ? "halo-heat2d" : "halo-wave3d", options).WithVulkan(body));
    }
}
