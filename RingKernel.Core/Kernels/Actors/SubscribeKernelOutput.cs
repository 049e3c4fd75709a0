using Akka.Actor;

namespace RingKernel.Kernels.Actors;

/// <summary>Tells a <see cref="KernelActor{TArgs}"/> to forward to <see cref="Subscriber"/> what its kernel sends that answers no request: replies to messages told without a sender, and messages the kernel sends on its own.</summary>
public sealed record SubscribeKernelOutput(IActorRef Subscriber);
