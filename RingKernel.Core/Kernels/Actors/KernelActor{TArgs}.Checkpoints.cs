using Akka.Actor;
using RingKernel.Kernels.Persistent;

namespace RingKernel.Kernels.Actors;

/// <summary>Checkpoints: the kernel is paused (its thread touches nothing) while its arguments are saved.</summary>
public sealed partial class KernelActor<TArgs>
{
    private void BeginCheckpoint()
    {
        IActorRef requester = Sender;
        KernelLaunchState<TArgs> launch = _r.Launch;
        IRingKernel? kernel = launch.Kernel;
        if (!_r.Checkpoints.IsConfigured)
        {
            requester.Tell(new Status.Failure(new InvalidOperationException($"Kernel actor '{_r.Definition.Name}' has no checkpoint.")), Self);
            return;
        }

        if (kernel is null || launch.RelaunchPending || kernel.State != RingKernelState.Active)
        {
            requester.Tell(new Status.Failure(new InvalidOperationException($"Ring kernel '{_r.Definition.Name}' is {kernel?.State}; a checkpoint needs it active.")), Self);
            return;
        }

        int generation = launch.Generation;
        kernel.DeactivateAsync().PipeTo(
            Self,
            success: () => new KernelActorSignals.CheckpointPaused(generation, requester),
            failure: _ => new KernelActorSignals.CheckpointPaused(generation, requester));
    }

    private void FinishCheckpoint(KernelActorSignals.CheckpointPaused paused)
    {
        IRingKernel? kernel = _r.Launch.Kernel;
        if (paused.Generation != _r.Launch.Generation || kernel is null || kernel.State != RingKernelState.Inactive)
        {
            paused.Requester.Tell(new Status.Failure(new InvalidOperationException($"Ring kernel '{_r.Definition.Name}' ended before its checkpoint was taken.")), Self);
            return;
        }

        // Deactivation was acknowledged: the kernel's thread is parked and touches nothing.
        byte[] bytes = _r.Checkpoints.Save(_r.Launch.Args);
        ulong processed = Volatile.Read(ref kernel.ControlBlock.MessagesProcessed);
        kernel.Activate();
        paused.Requester.Tell(new KernelCheckpointSaved(bytes.Length, processed), Self);
    }
}
