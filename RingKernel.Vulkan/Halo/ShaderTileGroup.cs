using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;
using RingKernel.Vulkan.Devices;
using RingKernel.Vulkan.Kernels;
using RingKernel.Vulkan.Shaders;

namespace RingKernel.Vulkan.Halo;

/// <summary>
/// Every tile of a grid as one workgroup of the shader <c>halo_stencil.comp</c> on a device that runs
/// this project's shaders (Vulkan, or Metal through the shader's MSL): the <see cref="TileGroup"/> a
/// Vulkan or Metal backend's tile kernel runs. Each tile's cells and halo live in device memory; tiles
/// trade halo strips with their neighbours as <see cref="HaloChunk"/> K2K messages through the
/// engine's <see cref="K2KFabric"/> (the shader follows each routing table's
/// <see cref="RouteEntry.InboxAddress"/>). Heat 2D or wave 3D tiles; the result equals the
/// single-grid reference bit for bit.
/// </summary>
/// <remarks>
/// <para>A run is a dispatch that sends the halo of its first step, then one dispatch per epoch of up
/// to <see cref="Halo"/> steps: each tile receives the epoch's halo, checks every chunk's step, face,
/// sender, width, chunk numbers and K2K sequence number, computes the epoch's steps over a region
/// that shrinks from the full halo to the tile (communication-avoiding), and sends the strips of the
/// next epoch. Vulkan gives no forward-progress guarantee across workgroups, so no tile waits for
/// another inside a dispatch: what is sent in one dispatch is received in the next, and an inbox holds
/// two strips. A run leaves the inboxes empty.</para>
/// <para>A chunk that does not belong stops the run with a <see cref="HaloEpochException"/> saying
/// which tile, step, inbox and field. The checkpoint is the host copy of the device fields at the end
/// of the last command; restoring it also empties the inboxes, so the command runs again from there.</para>
/// </remarks>
public sealed class ShaderTileGroup : TileGroup
{
    private const int PushConstantBytes = 52;
    private const int LinkBytes = 8 + (K2KDirections.Count * 8) + (K2KDirections.Count * 4);
    private const uint KindHeat2D = 0;
    private const uint KindWave3D = 1;

    private readonly IShaderDevice _device;
    private readonly IReadOnlyList<StencilTile> _tiles;
    private readonly HaloTileLayout _layout;
    private readonly uint _kind;
    private readonly float _coefficient;
    private readonly int _workgroupThreads;
    private readonly DeviceBuffer _fields;
    private readonly DeviceBuffer _links;
    private readonly DeviceBuffer _faults;
    private K2KFabric? _fabric;
    private KernelDefinition<VulkanHaloDispatch>? _kernel;
    private int _chunkElements = HaloChunk.Capacity;
    private Action<int, long>? _beforeEpoch;
    private uint _currentLevel;
    private float[]? _checkpoint;
    private long _checkpointStep;
    private uint _checkpointLevel;

    internal ShaderTileGroup(IShaderDevice device, IReadOnlyList<StencilTile> tiles, int workgroupThreads)
        : base(tiles[0].Grid, 0, tiles.Count)
    {
        if (!device.SupportsBufferDeviceAddress)
            throw new NotSupportedException($"{device.DeviceName} has no buffer device addresses; the tiles reach their K2K inboxes by device address.");
        ArgumentOutOfRangeException.ThrowIfLessThan(workgroupThreads, 1);
        (_kind, _coefficient) = tiles[0] switch
        {
            HeatTile2D heat => (KindHeat2D, heat.Alpha),
            WaveTile3D wave => (KindWave3D, wave.C2),
            _ => throw new NotSupportedException($"{device.ApiName} runs heat 2D and wave 3D tiles; tile 0 is a {tiles[0].GetType().Name}."),
        };
        _device = device;
        _tiles = tiles;
        _layout = tiles[0].Layout;
        _workgroupThreads = workgroupThreads;
        Boundary = tiles[0].Boundary;
        LevelsExchanged = _kind == KindWave3D && Halo > 1 ? 2 : 1;
        try
        {
            _fields = device.MemorySpace.Allocate((long)tiles.Count * 2 * _layout.Length * sizeof(float));
            _links = device.MemorySpace.Allocate((long)tiles.Count * LinkBytes);
            _faults = device.MemorySpace.Allocate(VulkanHaloFault.Bytes);
        }
        catch
        {
            Dispose();
            throw;
        }

        LoadFields();
    }

    public int Halo => _layout.Halo;

    public StencilBoundary Boundary { get; }

    /// <summary>Padded levels each strip carries: the current, and for a wave with a halo wider than 1 also the previous.</summary>
    public int LevelsExchanged { get; }

    public override bool HasCheckpoints => _checkpoint is not null;

    /// <summary>The shader carries no CRC-32C in its chunks; K2K sequence numbers and the halo header checks find lost, repeated and misplaced chunks.</summary>
    public override bool VerifiesChecksums => false;

    /// <summary>All tiles' chunks and bytes so far, from the routes' sequence numbers and inbox heads (the shader sends whole chunks).</summary>
    public override TileProgress Progress
    {
        get
        {
            long sent = 0, received = 0;
            foreach (K2KRoute route in Fabric.Routes)
            {
                sent += route.MessagesSent;
                received += (long)route.InboxBuffer.AsRef<RingHeader>(0).Head;
            }

            return new TileProgress(FirstTile, StepsDone, sent, received, sent * Unsafe.SizeOf<HaloChunk>());
        }
    }

    private K2KFabric Fabric => _fabric ?? throw new InvalidOperationException("The tile group is not connected to its K2K fabric.");

    /// <summary>An inbox holds two strips: workgroups of one dispatch run in any order, so a sender may publish the next epoch's strip before its receiver took this one's.</summary>
    public override int InboxCapacity(IReadOnlyList<StencilTile> tiles, int chunkElements) => HaloInboxes.Capacity(tiles, chunkElements, strips: 2);

    public override void Connect(K2KFabric fabric, TiledStencilOptions options, HaloDoorbells doorbells)
    {
        ArgumentNullException.ThrowIfNull(fabric);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkElements, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.ChunkElements, HaloChunk.Capacity);
        _fabric = fabric;
        _chunkElements = options.ChunkElements;
        _beforeEpoch = options.BeforeStep;
        WriteLinks();
        _kernel = CreateKernel();
        if (options.RestartFromCheckpoints)
            SaveCheckpoint();
    }

    /// <summary>Halo chunks the strip from a tile in <paramref name="direction"/> takes, per epoch.</summary>
    public int ChunksPerStrip(K2KDirection direction) => (_layout.ReceiveRegion(direction).CellCount * LevelsExchanged + _chunkElements - 1) / _chunkElements;

    /// <summary>Runs to <paramref name="untilStep"/> in dispatches (a send, then one per epoch); never waits, so always true.</summary>
    /// <exception cref="HaloEpochException">A tile received a chunk that does not belong to its epoch or inbox, or found chunks missing.</exception>
    /// <exception cref="InvalidOperationException">A tile found no room for a strip in its neighbour's inbox (only a tampered ring gets here).</exception>
    public override bool TryRunUntil(long untilStep)
    {
        if (untilStep > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(untilStep), untilStep, "Steps are numbered in 32 bits on the device.");
        if (untilStep <= StepsDone)
            return true;

        uint step = (uint)StepsDone;
        Run(new VulkanHaloDispatch(_currentLevel, 0, 0, step, Receive: false, Send: true));
        long remaining = untilStep - StepsDone;
        while (remaining > 0)
        {
            int epoch = (int)Math.Min(Halo, remaining);
            remaining -= epoch;
            _beforeEpoch?.Invoke(FirstTile, step);
            Run(new VulkanHaloDispatch(_currentLevel, (uint)epoch, step, step + (uint)epoch, Receive: true, Send: remaining > 0));
            step += (uint)epoch;
            StepsDone += epoch;
            _currentLevel ^= (uint)(epoch & 1);
        }

        if (_checkpoint is not null)
            SaveCheckpoint();
        return true;
    }

    /// <summary>Copies every tile's levels from the device into the tile, which writes its cells into the whole-grid field(s).</summary>
    public override void Snapshot()
    {
        ReadOnlySpan<float> fields = Fields;
        foreach (StencilTile tile in _tiles)
        {
            float[][] state = tile.PaddedState;
            for (int i = 0; i < state.Length; i++)
                fields.Slice(Offset(tile.Index, DeviceLevel(i, state.Length)), _layout.Length).CopyTo(state[i]);
            tile.Snapshot();
        }
    }

    public override bool TryRestoreCheckpoint()
    {
        if (_checkpoint is null)
            return false;
        foreach (K2KRoute route in Fabric.Routes)
            route.DiscardUnread();
        _faults.AsSpan<uint>(0, VulkanHaloFault.Bytes / sizeof(uint)).Clear();
        _checkpoint.CopyTo(Fields);
        StepsDone = _checkpointStep;
        _currentLevel = _checkpointLevel;
        return true;
    }

    public override string ToString() => $"{Grid}, halo {Halo}, {Boundary} boundary, one workgroup per tile on {_device.ApiName}";

    protected override void Dispose(bool disposing)
    {
        _fields?.Dispose();
        _links?.Dispose();
        _faults?.Dispose();
        base.Dispose(disposing);
    }

    private Span<float> Fields => _fields.AsSpan<float>(0, (int)(_fields.Length / sizeof(float)));

    private int Offset(int tile, int level) => ((tile * 2) + level) * _layout.Length;

    /// <summary>The device level of a tile's state level <paramref name="i"/> of <paramref name="count"/> (oldest first, the current last).</summary>
    private int DeviceLevel(int i, int count) => (int)((_currentLevel + (uint)(count - 1 - i)) & 1);

    private void Run(VulkanHaloDispatch dispatch)
    {
        _device.Dispatch(_kernel!, dispatch);
        VulkanHaloFault fault = VulkanHaloFault.Read(_faults.AsSpan<uint>(0, VulkanHaloFault.Bytes / sizeof(uint)));
        if (fault.Code != 0)
            throw fault.ToException();
    }

    private void SaveCheckpoint()
    {
        _checkpoint ??= new float[Fields.Length];
        Fields.CopyTo(_checkpoint);
        _checkpointStep = StepsDone;
        _checkpointLevel = _currentLevel;
    }

    /// <summary>Loads every tile's padded levels; halo cells across the grid's edge keep the fixed value the tiles were made with, and the shader never writes them.</summary>
    private void LoadFields()
    {
        Span<float> fields = Fields;
        fields.Fill(Boundary.Kind == BoundaryKind.Fixed ? Boundary.FixedValue : 0f);
        foreach (StencilTile tile in _tiles)
        {
            float[][] state = tile.PaddedState;
            for (int i = 0; i < state.Length; i++)
                state[i].CopyTo(fields.Slice(Offset(tile.Index, DeviceLevel(i, state.Length)), _layout.Length));
        }
    }

    private void WriteLinks()
    {
        Span<byte> links = _links.AsSpan<byte>(0, (int)_links.Length);
        for (int tile = 0; tile < TileCount; tile++)
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

    private KernelDefinition<VulkanHaloDispatch> CreateKernel()
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
            bindings.PushConstant(44, (uint)_chunkElements);
            bindings.PushConstant(48, _coefficient);
        });
        var options = new LaunchOptions(new Dim3(TileCount), new Dim3(_workgroupThreads));
        return _device.Adopt(new KernelDefinition<VulkanHaloDispatch>(_kind == KindHeat2D ? "halo-heat2d" : "halo-wave3d", options).WithVulkan(body));
    }
}
