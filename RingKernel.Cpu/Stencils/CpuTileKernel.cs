using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;
using RingKernel.Stencils.Halo;

namespace RingKernel.Cpu.Stencils;

/// <summary>
/// The tile kernel <see cref="CpuBackend"/> supplies to the <see cref="TiledStencilEngine"/>: a
/// resumable ring kernel that carries out each <see cref="TileCommand"/> on its tile. When a halo
/// exchange waits for a neighbour it returns instead of blocking, and the neighbour's doorbell
/// resumes it, so many tiles share a few workers.
/// </summary>
internal static class CpuTileKernel
{
    private static readonly LaunchOptions Options = new(new Dim3(1), new Dim3(1)) { InputRingCapacity = 16, OutputRingCapacity = 16 };

    public static KernelDefinition<StencilTile> Definition { get; } = new KernelDefinition<StencilTile>("stencil-tile", Options)
        .WithCpuResumable(static (kernel, tile) =>
        {
            TileCommand command = kernel.Get<TileCommand>();
            switch (command.Kind)
            {
                case TileCommandKind.RunSteps:
                    tile.ConnectDoorbell(kernel);
                    if (!tile.TryRunUntil(command.UntilStep))
                        return false;
                    break;
                case TileCommandKind.Snapshot:
                    tile.Snapshot();
                    break;
                default:
                    throw new InvalidOperationException($"Tile {tile.Index} got an unknown command {command.Kind}.");
            }

            kernel.Reply(tile.Progress);
            return true;
        });
}
