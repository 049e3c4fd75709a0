using Akka.Actor;
using Akka.Hosting;
using RingKernel.Backends;

namespace RingKernel.Hosting;

/// <summary>A kernel actor as declared, before its backend is resolved.</summary>
internal sealed record KernelActorDeclaration(
    string Name,
    Type Key,
    string? Backend,
    SupervisorStrategy SupervisorStrategy,
    Func<IRingKernelBackend, Props> CreateProps,
    Action<IActorRegistry, IActorRef> Register);
