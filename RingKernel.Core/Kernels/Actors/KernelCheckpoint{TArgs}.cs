namespace RingKernel.Kernels.Actors;

/// <summary>
/// Saves and restores the state a kernel keeps in its arguments, as bytes. A <see cref="KernelActor{TArgs}"/>
/// calls <see cref="Save"/> on <see cref="SaveKernelCheckpoint"/> while the kernel is deactivated (its
/// thread touches nothing), and <see cref="Restore"/> on the fresh arguments of a restarted kernel
/// before it is launched. Messages processed after the last save are not replayed: their effect on the
/// state is lost with the failed instance.
/// </summary>
public sealed class KernelCheckpoint<TArgs>(Func<TArgs, byte[]> save, Action<TArgs, ReadOnlyMemory<byte>> restore)
{
    public Func<TArgs, byte[]> Save { get; } = save ?? throw new ArgumentNullException(nameof(save));

    public Action<TArgs, ReadOnlyMemory<byte>> Restore { get; } = restore ?? throw new ArgumentNullException(nameof(restore));
}
