using RingKernel.Actors;
using RingKernel.Backends;

namespace RingKernel.Kernels.Actors;

/// <summary>
/// Props for a <see cref="KernelActor{TArgs}"/>. Each props carries the resources that outlive actor
/// instances (kernel memory, pending requests, checkpoint), so it starts one actor: create props for
/// every kernel actor.
/// </summary>
public static class KernelActorProps
{
    /// <summary>A kernel actor whose every launch gets <paramref name="args"/>: state the kernel keeps in them survives relaunches by itself.</summary>
    public static Props Create<TArgs>(IRingKernelBackend backend, KernelDefinition<TArgs> definition, TArgs args, KernelActorOptions options) =>
        CreateWithArgsFactory(backend, definition, () => args, options, checkpoint: null);

    /// <summary>
    /// A kernel actor whose launches after a restart get fresh arguments from <paramref name="createArgs"/>
    /// (as a relaunched GPU kernel starts from fresh device state), restored from the last
    /// <paramref name="checkpoint"/> saved when one is given. A resumed actor relaunches a faulted kernel
    /// with its current arguments.
    /// </summary>
    public static Props CreateWithArgsFactory<TArgs>(
        IRingKernelBackend backend, KernelDefinition<TArgs> definition, Func<TArgs> createArgs, KernelActorOptions options, KernelCheckpoint<TArgs>? checkpoint = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(createArgs);
        ArgumentNullException.ThrowIfNull(options);
        if (definition.Options.InputRingCapacity == 0 || definition.Options.OutputRingCapacity == 0)
            throw new ArgumentException($"Kernel '{definition.Name}' declares no input or no output ring ({definition.Options}); a kernel actor needs both.", nameof(definition));
        var resources = new KernelActorResources<TArgs>(backend, definition, createArgs, options, checkpoint);
        return Props.Create(() => new KernelActor<TArgs>(resources));
    }
}
