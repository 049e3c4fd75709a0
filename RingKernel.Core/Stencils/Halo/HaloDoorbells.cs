namespace RingKernel.Stencils.Halo;

/// <summary>
/// One wake-up signal per tile for the CPU backend: a tile with nothing to do in a halo exchange
/// sleeps on its doorbell, and a neighbour rings it after sending to it (data to read) or receiving
/// from it (a free inbox slot). This wakes a waiting tile at once without the spinning that would
/// take the cores from the tiles still computing.
/// </summary>
public sealed class HaloDoorbells : IDisposable
{
    private readonly ManualResetEventSlim[] _bells;

    public HaloDoorbells(int tileCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tileCount);
        _bells = new ManualResetEventSlim[tileCount];
        for (int i = 0; i < tileCount; i++)
            _bells[i] = new ManualResetEventSlim(false, spinCount: 20);
    }

    /// <summary>Wakes tile <paramref name="tile"/> if it waits (or makes its next wait return at once).</summary>
    public void Ring(uint tile) => _bells[tile].Set();

    /// <summary>Arms tile <paramref name="tile"/>'s doorbell: call it, look for work once more, then <see cref="Wait"/>.</summary>
    public void Arm(uint tile) => _bells[tile].Reset();

    /// <summary>Waits until tile <paramref name="tile"/>'s doorbell rings, at most <paramref name="timeout"/>.</summary>
    public void Wait(uint tile, TimeSpan timeout, CancellationToken cancellationToken) => _bells[tile].Wait(timeout, cancellationToken);

    public void Dispose()
    {
        foreach (ManualResetEventSlim bell in _bells)
            bell.Dispose();
    }
}
