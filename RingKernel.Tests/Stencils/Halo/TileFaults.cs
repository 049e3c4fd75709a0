using RingKernel.Stencils.Halo;

namespace RingKernel.Tests.Stencils.Halo;

/// <summary>
/// Faults for tile kernels, injected through <see cref="TiledStencilOptions.BeforeStep"/>: tile
/// <c>Tile</c> throws <see cref="InjectedFault"/> before its step <c>Step</c>, once for each point.
/// </summary>
internal sealed class TileFaults((int Tile, long Step)[] points)
{
    private readonly int[] _thrown = new int[points.Length];

    /// <summary>How many of the points have thrown.</summary>
    public int Thrown
    {
        get
        {
            int thrown = 0;
            for (int i = 0; i < _thrown.Length; i++)
                thrown += Volatile.Read(ref _thrown[i]);
            return thrown;
        }
    }

    /// <summary>The <see cref="TiledStencilOptions.BeforeStep"/> hook.</summary>
    public void BeforeStep(int tile, long step)
    {
        for (int i = 0; i < points.Length; i++)
        {
            if (points[i] == (tile, step) && Interlocked.Exchange(ref _thrown[i], 1) == 0)
                throw new InjectedFault();
        }
    }

    /// <summary>Whether the fault at <paramref name="point"/> has thrown.</summary>
    public bool HasThrown((int Tile, long Step) point) => Volatile.Read(ref _thrown[Array.IndexOf(points, point)]) == 1;

    public sealed class InjectedFault() : Exception("injected tile fault");
}
