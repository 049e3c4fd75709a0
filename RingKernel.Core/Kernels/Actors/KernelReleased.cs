using Akka.Actor;

namespace RingKernel.Kernels.Actors;

/// <summary>
/// Published on the actor system's event stream once a stopped kernel actor's kernel has ended, every
/// request it held is answered, and its device memory is freed.
/// </summary>
public sealed record KernelReleased(IActorRef Kernel, string KernelName);
