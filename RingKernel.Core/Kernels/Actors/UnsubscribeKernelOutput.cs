using Akka.Actor;

namespace RingKernel.Kernels.Actors;

/// <summary>Ends a <see cref="SubscribeKernelOutput"/>.</summary>
public sealed record UnsubscribeKernelOutput(IActorRef Subscriber);
