using Akka.Actor;
using RingKernel.Backends;

namespace RingKernel.Kernels.Actors;

/// <summary>
/// Props for kernel actors (<see cref="KernelActor{TArgs}"/>): a ring kernel of any backend as a
/// supervised Akka.NET actor. Each props carries what outlives actor instances (kernel memory, pending
/// requests, checkpoint), so it starts one actor: create props for every kernel actor.
/// </summary>
/// <example><code>
/// Props props = KernelActor.Props(backend, definition, args, new KernelActorOptions { Messages = new KernelMessageTypes().Add&lt;Number&gt;(1) });
/// IActorRef kernel = Context.ActorOf(props, "sum");   // under a parent whose SupervisorStrategy decides on faults
/// </code></example>
public static class KernelActor
{
    /// <summary>A kernel actor whose every launch gets <paramref name="args"/>: state the kernel keeps in them survives relaunches by itself.</summary>
    public static Props Props<TArgs>(IRingKernelBackend backend, KernelDefinition<TArgs> definition, TArgs args, KernelActorOptions options) =>
        Props(backend, definition, () => args, options, checkpoint: null);

    /// <summary>
    /// A kernel actor whose launches after a restart get fresh arguments from <paramref name="createArgs"/>
    /// (as a relaunched GPU kernel starts from fresh device state), restored from the last
    /// <paramref name="checkpoint"/> saved when one is given. A resumed actor relaunches a faulted kernel
    /// with its current arguments.
    /// </summary>
    /// <exception cref="ArgumentException">The definition declares no input or no output ring.</exception>
    public static Props Props<TArgs>(
        IRingKernelBackend backend, KernelDefinition<TArgs> definition, Func<TArgs> createArgs, KernelActorOptions options, KernelCheckpoint<TArgs>? checkpoint = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(createArgs);
        ArgumentNullException.ThrowIfNull(options);
        if (definition.Options.InputRingCapacity == 0 || definition.Options.OutputRingCapacity == 0)
            throw new ArgumentException($"Kernel '{definition.Name}' declares no input or no output ring ({definition.Options}); a kernel actor needs both.", nameof(definition));
        var resources = new KernelActorResources<TArgs>(backend, definition, createArgs, options, checkpoint);
        return Akka.Actor.Props.CreateBy(new Producer<TArgs>(resources));
    }

    /// <summary>Builds each instance (the first and every restart's) over the same resources.</summary>
    private sealed class Producer<TArgs>(KernelActorResources<TArgs> resources) : IIndirectActorProducer
    {
        public Type ActorType => typeof(KernelActor<TArgs>);

        public ActorBase Produce() => new KernelActor<TArgs>(resources);

        public void Release(ActorBase actor)
        {
        }
    }
}
