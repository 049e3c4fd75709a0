namespace RingKernel.Kernels.Actors;

/// <summary>Thrown by a <see cref="KernelRef{TRequest, TReply}"/> whose kernel actor has stopped: its rings are freed and nothing was written.</summary>
public sealed class KernelActorStoppedException : InvalidOperationException
{
    public KernelActorStoppedException(string kernelName)
        : base($"The kernel actor of ring kernel '{kernelName}' has stopped; its rings are freed and the message was not written.")
    {
        KernelName = kernelName;
    }

    public string KernelName { get; }
}
