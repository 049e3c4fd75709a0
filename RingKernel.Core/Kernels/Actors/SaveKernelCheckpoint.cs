namespace RingKernel.Kernels.Actors;

/// <summary>
/// Asks a <see cref="KernelActor{TArgs}"/> to save its kernel's state: it deactivates the kernel,
/// calls <see cref="KernelCheckpoint{TArgs}.Save"/>, reactivates it and answers <see cref="KernelCheckpointSaved"/>
/// (or a <c>Status.Failure</c> when the actor has no checkpoint or the kernel is not running).
/// </summary>
public sealed class SaveKernelCheckpoint
{
    public static SaveKernelCheckpoint Instance { get; } = new();

    private SaveKernelCheckpoint()
    {
    }
}
