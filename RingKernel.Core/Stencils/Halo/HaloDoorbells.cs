using RingKernel.Kernels.Persistent;

namespace RingKernel.Stencils.Halo;

/// <summary>
/// One doorbell per tile: a tile kernel that finds a halo exchange waiting on its neighbours
/// returns from its resumable body, and a neighbour rings its doorbell after sending to it (data to
/// read) or receiving from it (a free inbox slot), which resumes it
/// (<see cref="RingKernelContext.Resume"/>). So a waiting tile holds no thread, and is run again as
/// soon as there is something to do.
/// </summary>
public sealed class HaloDoorbells
{
    private readonly RingKernelContext?[] _kernels;
    private readonly Action?[] _listeners;

    public HaloDoorbells(int tileCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tileCount);
        _kernels = new RingKernelContext?[tileCount];
        _listeners = new Action?[tileCount];
    }

    /// <summary>Makes <paramref name="kernel"/> the one a ring of tile <paramref name="tile"/>'s doorbell resumes (a relaunched tile kernel connects its new context).</summary>
    public void Connect(uint tile, RingKernelContext kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        Volatile.Write(ref _kernels[tile], kernel);
    }

    /// <summary>
    /// Makes a ring of tile <paramref name="tile"/>'s doorbell call <paramref name="ring"/>, for a tile
    /// that no kernel of this process runs: a bridge that carries the halos of a tile elsewhere reads
    /// what was sent to it, and writes what it holds for its neighbours once they free a slot.
    /// </summary>
    public void Connect(uint tile, Action ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        Volatile.Write(ref _listeners[tile], ring);
    }

    /// <summary>Resumes tile <paramref name="tile"/>'s kernel if it waits (a tile not yet connected has not looked at its inboxes yet, and will), or calls its listener.</summary>
    public void Ring(uint tile)
    {
        if (Volatile.Read(ref _kernels[tile]) is { } kernel)
            kernel.Resume();
        else
            Volatile.Read(ref _listeners[tile])?.Invoke();
    }
}
