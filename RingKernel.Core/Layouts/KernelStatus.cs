namespace RingKernel.Layouts;

/// <summary>What the kernel reports in <see cref="ControlBlock.Status"/>.</summary>
public enum KernelStatus : uint
{
    NotStarted = 0,
    Running = 1,
    Idle = 2,
    Terminated = 3,
    Faulted = 4,
}
