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
    /// that the registry holds every kernel actor when the host has started. Disposal of the backends waits
    /// for termination, which follows the coordinated-shutdown phase that frees every kernel's memory.
    /// </summary>
    public async Task StartAsync(ActorSystem system, IActorRegistry registry)
    {
        foreach (IRingKernelBackend backend in backends)
        {
            if (backend is IDisposable disposable)
                system.RegisterOnTermination(disposable.Dispose);
        }

        foreach (KernelActorStart kernel in kernels)
        {
            IActorRef supervisor = system.ActorOf(KernelSupervisor.Props(kernel.Props, kernel.Name, kernel.SupervisorStrategy), kernel.Name + "-supervisor");
            IActorRef actor = await supervisor.Ask<IActorRef>(KernelSupervisor.GetKernel.Instance, SupervisorAnswerTimeout).ConfigureAwait(false);
            kernel.Register(registry, actor);
        }
    }
}
