namespace RingKernel.Cpu.RingKernels;

/// <summary>How <see cref="CpuBackend"/> runs ring kernels whose body is resumable (<see cref="Kernels.CpuResumableBody{TArgs}"/>); kernels with other bodies always get a thread of their own.</summary>
public enum CpuRingKernelScheduling
{
    /// <summary>
    /// As coroutines on the backend's shared workers, one per core: a kernel is run when it has
    /// something to do (a message, a command, a resume) for as long as it can go on, and holds no
    /// thread while it waits. Hundreds of kernels cost no more threads than cores.
    /// </summary>
    Cooperative,

    /// <summary>Each on a dedicated OS thread that sleeps while the kernel waits for a resume.</summary>
    DedicatedThreads,
}
