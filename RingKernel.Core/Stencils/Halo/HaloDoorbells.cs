using RingKernel.Kernels.Persistent;

namespace RingKernel.Stencils.Halo;

/// <summary>
/// One doorbell per tile: a tile kernel that finds a halo exchange waiting on its neighbours
/// returns from its resumable body, and a neighbour rings its doorbell after sending to it (data to
/// read) or receiving from it (a free inbox slot), which resumes it
/// (<see cref="IResumableKernel.Resume"/>). So a waiting tile holds no thread, and is run again as
/// soon as there is something to do.
/// </summary>
public sealed class HaloDoorbells
{
    private readonly IResumableKernel?[] _kernels;

    public HaloDoorbells(int tileCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tileCount);
        _kernels = new IResumableKernel?[tileCount];
    }

    /// <summary>Makes <paramref name="kernel"/> the one a ring of tile <paramref name="tile"/>'s doorbell resumes (a relaunched tile kernel connects its new context).</summary>
    public void Connect(uint tile, IResumableKernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        Volatile.Write(ref _kernels[tile], kernel);
    }

    /// <summary>Resumes tile <paramref name="tile"/>'s kernel if it waits (a tile not yet connected has not looked at its inboxes yet, and will).</summary>
    public void Ring(uint tile) => Volatile.Read(ref _kernels[tile])?.Resume();
}
