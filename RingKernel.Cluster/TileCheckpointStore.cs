using Akka.Actor;
using Akka.Persistence;
using RingKernel.Cluster.Protocol;
using RingKernel.Stencils.Halo;

namespace RingKernel.Cluster;

/// <summary>
/// Tile checkpoints in the actor system's Akka.Persistence snapshot store (an SQL database through
/// Akka.Persistence.Sql: SQLite on one machine, a shared server across machines), so a checkpoint
/// outlives the node that took it. Each tile of a run is a persistence id; a checkpoint's snapshot
/// sequence number is its step plus one, so a run rolls every tile back to the same step.
/// </summary>
internal sealed class TileCheckpointStore(ActorSystem system, TimeSpan timeout)
{
    private readonly IActorRef _store = Persistence.Instance.Apply(system).SnapshotStoreFor(null);

    /// <summary>Stores tile <paramref name="tile"/>'s <paramref name="state"/> for run <paramref name="run"/>.</summary>
    /// <exception cref="ClusterStencilException">The store refused it.</exception>
    public async Task SaveAsync(string run, int tile, StencilTileState state)
    {
        var metadata = new SnapshotMetadata(PersistenceId(run, tile), SequenceOf(state.Step), DateTime.UtcNow);
        object answer = await _store.Ask(new SaveSnapshot(metadata, TileCheckpoint.From(tile, state)), timeout).ConfigureAwait(false);
        if (answer is SaveSnapshotFailure failure)
            throw new ClusterStencilException($"The checkpoint store could not save tile {tile}'s step {state.Step}: {failure.Cause.Message}", failure.Cause);
    }

    /// <summary>Tile <paramref name="tile"/>'s checkpoint of step <paramref name="step"/> in run <paramref name="run"/>.</summary>
    /// <exception cref="ClusterStencilException">There is none, or the store failed.</exception>
    public async Task<StencilTileState> LoadAsync(string run, int tile, long step)
    {
        long sequence = SequenceOf(step);
        var criteria = new SnapshotSelectionCriteria(sequence, DateTime.MaxValue, sequence, DateTime.MinValue);
        object answer = await _store.Ask(new LoadSnapshot(PersistenceId(run, tile), criteria, sequence), timeout).ConfigureAwait(false);
        return answer switch
        {
            LoadSnapshotResult { Snapshot.Snapshot: TileCheckpoint checkpoint } when checkpoint.Tile == tile && checkpoint.Step == step => checkpoint.ToState(),
            LoadSnapshotResult => throw new ClusterStencilException($"The checkpoint store holds no checkpoint of tile {tile} at step {step} for run {run}."),
            LoadSnapshotFailed failed => throw new ClusterStencilException($"The checkpoint store could not load tile {tile}'s step {step}: {failed.Cause.Message}", failed.Cause),
            _ => throw new ClusterStencilException($"The checkpoint store answered {answer.GetType().Name} to a load of tile {tile}'s step {step}."),
        };
    }

    /// <summary>Deletes tile <paramref name="tile"/>'s checkpoints before step <paramref name="step"/> (a run keeps only what it may roll back to).</summary>
    public async Task DeleteBeforeAsync(string run, int tile, long step)
    {
        var criteria = new SnapshotSelectionCriteria(SequenceOf(step) - 1, DateTime.MaxValue);
        object answer = await _store.Ask(new DeleteSnapshots(PersistenceId(run, tile), criteria), timeout).ConfigureAwait(false);
        if (answer is DeleteSnapshotsFailure failure)
            throw new ClusterStencilException($"The checkpoint store could not delete tile {tile}'s checkpoints before step {step}: {failure.Cause.Message}", failure.Cause);
    }

    private static string PersistenceId(string run, int tile) => $"ringkernel-{run}-tile-{tile}";

    private static long SequenceOf(long step) => step + 1;
}
