using Akka.Actor;

namespace RingKernel.Kernels.Actors;

/// <summary>What an actor system knows about the kernel actors it runs.</summary>
public static class KernelActorSystemExtensions
{
    /// <summary>
    /// Completes once <paramref name="kernelActor"/>'s kernel has ended and its device memory is freed
    /// (at once for an actor that holds none). Take it before stopping the actor, then await it before
    /// reusing what the kernel used (its K2K fabric, its tile).
    /// </summary>
    public static Task WhenKernelReleased(this ActorSystem system, IActorRef kernelActor)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(kernelActor);
        return KernelActorLifetimes.For(system).Released(kernelActor);
    }
}
