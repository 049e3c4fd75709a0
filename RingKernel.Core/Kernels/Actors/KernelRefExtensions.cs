using Akka.Actor;

namespace RingKernel.Kernels.Actors;

/// <summary>Obtains the direct path to a kernel actor.</summary>
public static class KernelRefExtensions
{
    /// <summary>
    /// The <see cref="KernelRef{TRequest, TReply}"/> of the kernel actor <paramref name="kernelActor"/>: one
    /// per actor and pair of types, valid until the actor stops (restarts included). Only a kernel actor in
    /// this process can give one.
    /// </summary>
    /// <exception cref="ArgumentException">A type is not among the actor's registered payload types.</exception>
    public static Task<KernelRef<TRequest, TReply>> GetKernelRefAsync<TRequest, TReply>(this IActorRef kernelActor, TimeSpan? timeout = null)
        where TRequest : unmanaged
        where TReply : unmanaged
    {
        ArgumentNullException.ThrowIfNull(kernelActor);
        return kernelActor.Ask<KernelRef<TRequest, TReply>>(new GetKernelRef<TRequest, TReply>(), timeout ?? TimeSpan.FromSeconds(10));
    }
}
