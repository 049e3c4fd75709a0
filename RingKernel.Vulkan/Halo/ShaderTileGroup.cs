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
/// Vulkan or Metal backend's tile kernel runs. The shader follows each routing table's
/// <see cref="RouteEntry.InboxAddress"/>. Heat 2D or wave 3D tiles; the result equals the single-grid
/// reference bit for bit.
/// </summary>
/// <remarks>
/// Epochs start at multiples of <see cref="DeviceTileGroup.Halo"/> steps, as on every backend. A run
/// that starts on an epoch's first step is a dispatch that sends its halo, then one dispatch per epoch: each tile receives the epoch's halo, checks every
/// chunk's step, face, sender, width, chunk numbers and K2K sequence number, computes the epoch's steps
/// over a region that shrinks from the full halo to the tile (communication-avoiding), and sends the
/// strips of the next epoch. Vulkan gives no forward-progress guarantee across workgroups, so no tile
/// waits for another inside a dispatch: what is sent in one dispatch is received in the next, and an
/// inbox holds two strips. A run leaves the inboxes empty. A chunk that does not belong stops the run
/// with a <see cref="HaloEpochException"/> saying which tile, step, inbox and field.
/// </remarks>
public sealed class ShaderTileGroup : DeviceTileGroup
{
    private const int PushConstantBytes = 56;
    private const int LinkBytes = 8 + (K2KDirections.Count * 8) + (K2KDirections.Count * 4);
    private const uint KindHeat2D = 0;
    private const uint KindWave3D = 1;

    private readonly IShaderDevice _device;
    private readonly uint _kind;
    private readonly float _coefficient;
    private readonly int _workgroupThreads;
    private readonly DeviceBuffer _fields;
    private readonly DeviceBuffer _links;
    private readonly DeviceBuffer _faults;
    private KernelDefinition<VulkanHaloDispatch>? _kernel;

    internal ShaderTileGroup(IShaderDevice device, IReadOnlyList<StencilTile> tiles, int workgroupThreads)
        : base(tiles)
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
        _workgroupThreads = workgroupThreads;
        LevelsExchanged = _kind == KindWave3D && Halo > 1 ? 2 : 1;
        try
        {
            _fields = device.MemorySpace.Allocate((long)FieldsLength * sizeof(float));
            _links = device.MemorySpace.Allocate((long)tiles.Count * LinkBytes);
            _faults = device.MemorySpace.Allocate(HaloFault.Bytes);
        }
        catch
        {
            Dispose();
            throw;
        }

        WriteFields(InitialFields());
    }

    /// <summary>Padded levels each strip carries: the current, and for a wave with a halo wider than 1 also the previous.</summary>
    public int LevelsExchanged { get; }

    /// <summary>Halo chunks the strip from a tile in <paramref name="direction"/> takes, per epoch.</summary>
    public int ChunksPerStrip(K2KDirection direction) => (Layout.ReceiveRegion(direction).CellCount * LevelsExchanged + ChunkElements - 1) / ChunkElements;

    public override string ToString() => $"{Grid}, halo {Halo}, {Boundary} boundary, one workgroup per tile on {_device.ApiName}";

    /// <summary>A dispatch that sends the halo of the run's first step.</summary>
    protected override void BeginRun(uint firstStep) => Run(new VulkanHaloDispatch(CurrentLevel, 0, 0, firstStep, Receive: false, Send: true));

    /// <summary>
    /// A dispatch that receives the epoch's halo (unless it goes on with an epoch a last run began),
    /// computes its steps and, unless it is the run's last, sends the next epoch's halo.
    /// </summary>
    protected override void RunEpoch(uint firstStep, uint steps, uint phase, bool last) =>
        Run(new VulkanHaloDispatch(CurrentLevel, steps, firstStep, firstStep + steps, Receive: phase == 0, Send: !last, phase));

    protected override void OnConnected()
    {
        WriteLinks();
        _kernel = CreateKernel();
    }

    protected override void ReadFields(Span<float> fields) => Fields.CopyTo(fields);

    protected override void WriteFields(ReadOnlySpan<float> fields) => fields.CopyTo(Fields);

    protected override void ClearFault() => FaultWords.Clear();

    protected override void Dispose(bool disposing)
    {
        _fields?.Dispose();
        _links?.Dispose();
        _faults?.Dispose();
        base.Dispose(disposing);
    }

    private Span<float> Fields => _fields.AsSpan<float>(0, FieldsLength);

    private Span<uint> FaultWords => _faults.AsSpan<uint>(0, HaloFault.Bytes / sizeof(uint));

    private void Run(VulkanHaloDispatch dispatch)
    {
        _device.Dispatch(_kernel!, dispatch);
        HaloFault fault = HaloFault.Read(FaultWords);
        if (fault.Code != 0)
            throw fault.ToException();
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
        GridSize tileSize = Layout.TileSize;
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
            bindings.PushConstant(44, (uint)ChunkElements);
            bindings.PushConstant(48, _coefficient);
            bindings.PushConstant(52, dispatch.Phase);
        });
        var options = new LaunchOptions(new Dim3(TileCount), new Dim3(_workgroupThreads));
        return _device.Adopt(new KernelDefinition<VulkanHaloDispatch>(_kind == KindHeat2D ? "halo-heat2d" : "halo-wave3d", options).WithVulkan(body));
    }
}
