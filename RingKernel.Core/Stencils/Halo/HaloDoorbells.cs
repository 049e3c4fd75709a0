using RingKernel.Kernels.Persistent;

namespace RingKernel.Stencils.Halo;

/// <summary>
/// One doorbell per tile: a tile kernel that finds a halo exchange waiting on its neighbours
/// returns from its resumable body, and a neighbour rings its doorbell after sending to it (data to
/// read) or, when the tile waits for room in the neighbour's inbox, after receiving from it, which resumes it
/// (<see cref="IResumableKernel.Resume"/>). So a waiting tile holds no thread, and is run again as
/// soon as there is something to do.
/// </summary>
/// <remarks>
/// A receiver rings a sender only when the sender has said it waits for room
/// (<see cref="WaitForRoom"/>): the sender says so before it tries its send again, the receiver
/// takes the word after it has made room, each through a full fence, so one of the two always sees
/// the other.
/// </remarks>
public sealed class HaloDoorbells
{
    private readonly IResumableKernel?[] _kernels;
    private readonly int[] _waitingForRoom;
    private readonly Action?[] _listeners;

    public HaloDoorbells(int tileCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tileCount);
        _kernels = new IResumableKernel?[tileCount];
        _waitingForRoom = new int[tileCount];
        _listeners = new Action?[tileCount];
    }

    /// <summary>Makes <paramref name="kernel"/> the one a ring of tile <paramref name="tile"/>'s doorbell resumes (a relaunched tile kernel connects its new context).</summary>
    public void Connect(uint tile, IResumableKernel kernel)
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

    /// <summary>Tile <paramref name="tile"/> found a neighbour's inbox full: it must try its send again after this, and is rung when a neighbour makes room.</summary>
    public void WaitForRoom(uint tile) => Interlocked.Exchange(ref _waitingForRoom[tile], 1);

    /// <summary>Called after receiving from tile <paramref name="sender"/>: rings it if it said it waits for room.</summary>
    public void RoomMade(uint sender)
    {
        if (Interlocked.Exchange(ref _waitingForRoom[sender], 0) != 0)
            Ring(sender);
    }
}
