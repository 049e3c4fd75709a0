using Akka.Actor;
using Akka.Hosting;

namespace RingKernel.Hosting;

/// <summary>What starting one kernel actor takes: its props (one actor's), its supervisor's strategy, and its registration.</summary>
internal sealed record KernelActorStart(string Name, Props Props, SupervisorStrategy SupervisorStrategy, Action<IActorRegistry, IActorRef> Register);
