namespace RingKernel.Kernels.Actors;

/// <summary>
/// Asks a kernel actor for its <see cref="KernelRef{TRequest, TReply}"/> (the direct path into its input
/// ring); the answer is the reference, or a <c>Status.Failure</c> when a type is not registered.
/// <see cref="KernelRefExtensions.GetKernelRefAsync{TRequest, TReply}"/> sends it.
/// </summary>
public sealed class GetKernelRef<TRequest, TReply> : IGetKernelRef
    where TRequest : unmanaged
    where TReply : unmanaged
{
    object IGetKernelRef.Resolve<TArgs>(KernelActorResources<TArgs> resources) => resources.GetKernelRef<TRequest, TReply>();
}

/// <summary>A <see cref="GetKernelRef{TRequest, TReply}"/> seen by the actor without its type arguments.</summary>
internal interface IGetKernelRef
{
    object Resolve<TArgs>(KernelActorResources<TArgs> resources);
}
