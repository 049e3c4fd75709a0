using Akka;
using Akka.Actor;
using Akka.Hosting;
using RingKernel.Backends;

namespace RingKernel.Hosting;

/// <summary>Starts the declared kernel actors when Akka.Hosting starts the actor system.</summary>
internal sealed class RingKernelsStarter(IReadOnlyList<IRingKernelBackend> backends, IReadOnlyList<KernelActorStart> kernels)
{
    /// <summary>A supervisor answers at once; this only bounds a start that went wrong.</summary>
    private static readonly TimeSpan SupervisorAnswerTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Starts each kernel actor under its supervisor and registers it once the supervisor has created it, so
    /// that the registry holds every kernel actor when the host has started. The backends are disposed in
    /// coordinated shutdown's last phase, after the one that ends every kernel and frees its memory (termination
    /// callbacks would not do: some may still run after <c>WhenTerminated</c> has completed, and so after a host's stop).
    /// </summary>
    public async Task StartAsync(ActorSystem system, IActorRegistry registry)
    {
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseActorSystemTerminate, "dispose-ring-kernel-backends", DisposeBackends);

        foreach (KernelActorStart kernel in kernels)
        {
            IActorRef supervisor = system.ActorOf(KernelSupervisor.Props(kernel.Props, kernel.Name, kernel.SupervisorStrategy), kernel.Name + "-supervisor");
            IActorRef actor = await supervisor.Ask<IActorRef>(KernelSupervisor.GetKernel.Instance, SupervisorAnswerTimeout).ConfigureAwait(false);
            kernel.Register(registry, actor);
        }
    }

    private Task<Done> DisposeBackends()
    {
        foreach (IRingKernelBackend backend in backends)
            (backend as IDisposable)?.Dispose();
        return Task.FromResult(Done.Instance);
    }
}
