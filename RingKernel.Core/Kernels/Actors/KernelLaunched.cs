using Akka.Actor;

namespace RingKernel.Kernels.Actors;

/// <summary>
/// Published on the actor system's event stream each time a kernel actor launches its kernel: launch 1
/// when it starts, then once per relaunch (after a Restart with <paramref name="FreshArguments"/>, after a
/// Resume of a faulted kernel without).
/// </summary>
public sealed record KernelLaunched(IActorRef Kernel, string KernelName, int Launch, bool FreshArguments);
