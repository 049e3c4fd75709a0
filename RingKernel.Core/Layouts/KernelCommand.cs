namespace RingKernel.Layouts;

/// <summary>Bits the host sets in <see cref="ControlBlock.Command"/>.</summary>
[Flags]
public enum KernelCommand : uint
{
    None = 0,
    /// <summary>Process messages; when clear the kernel idles without consuming.</summary>
    Active = 1 << 0,
    /// <summary>Leave the loop and report <see cref="KernelStatus.Terminated"/>.</summary>
    Terminate = 1 << 1,
}
