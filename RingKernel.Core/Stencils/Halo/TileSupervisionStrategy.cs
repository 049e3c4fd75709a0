using Akka.Actor;
using RingKernel.Kernels.Persistent;

namespace RingKernel.Stencils.Halo;

/// <summary>
/// How a <see cref="TileSupervisor"/> decides on its tile kernel actors' faults: a tile whose kernel
/// faulted is restarted (relaunched over its rings from its last checkpoint) while
/// <see cref="TiledStencilOptions.RestartFromCheckpoints"/> is set and it has restarts left; any
/// other failure, and a tile that cannot be restored, stops it. The decisions are recorded per tile,
/// before they take effect, so that the engine reads them when a tile's command fails.
/// </summary>
internal sealed class TileSupervisionStrategy : OneForOneStrategy
{
    private readonly TiledStencilOptions _options;
    private readonly int[] _restarts;
    private readonly Exception?[] _stopCauses;

    public TileSupervisionStrategy(int tiles, TiledStencilOptions options)
        : base(static _ => Directive.Stop, loggingEnabled: false)
    {
        _options = options;
        _restarts = new int[tiles];
        _stopCauses = new Exception?[tiles];
    }

    /// <summary>Tile kernel actors restarted so far, all tiles together.</summary>
    public int Restarts
    {
        get
        {
            int sum = 0;
            for (int tile = 0; tile < _restarts.Length; tile++)
                sum += Volatile.Read(ref _restarts[tile]);
            return sum;
        }
    }

    /// <summary>Why tile <paramref name="tile"/>'s actor was stopped; null while it runs.</summary>
    public Exception? StopCauseOf(int tile) => Volatile.Read(ref _stopCauses[tile]);

    protected override Directive Handle(IActorRef child, Exception exception)
    {
        int tile = TileSupervisor.TileOf(child);
        if (exception is KernelFaultedException && _options.RestartFromCheckpoints && _restarts[tile] < _options.MaxRestartsPerTile)
        {
            Interlocked.Increment(ref _restarts[tile]);
            return Directive.Restart;
        }

        // A restarted tile whose checkpoint could not be restored fails in its actor's initialisation.
        Exception cause = exception is ActorInitializationException { InnerException: { } inner } ? inner : exception;
        Volatile.Write(ref _stopCauses[tile], cause);
        return Directive.Stop;
    }
}
