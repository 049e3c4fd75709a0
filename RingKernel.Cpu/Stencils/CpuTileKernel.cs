using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;
using RingKernel.Stencils.Halo;

namespace RingKernel.Cpu.Stencils;

/// <summary>
/// The tile kernel <see cref="CpuBackend"/> supplies to the <see cref="TiledStencilEngine"/>: a
/// resumable ring kernel that carries out each <see cref="TileCommand"/> on its tile (a group of one). When a halo
/// exchange waits for a neighbour it returns instead of blocking, and the neighbour's doorbell
/// resumes it, so many tiles share a few workers.
/// </summary>
internal static class CpuTileKernel
{
    private static readonly LaunchOptions Options = new(new Dim3(1), new Dim3(1)) { InputRingCapacity = 16, OutputRingCapacity = 16 };

    public static KernelDefinition<TileGroup> Definition { get; } = new KernelDefinition<TileGroup>("stencil-tile", Options)
        .WithCpuResumable(static (kernel, tile) =>
        {
            tile.ConnectDoorbell(kernel);
            if (!tile.TryCarryOut(kernel.Get<TileCommand>()))
                return false;
            kernel.Reply(tile.Progress);
            return true;
        });
}
