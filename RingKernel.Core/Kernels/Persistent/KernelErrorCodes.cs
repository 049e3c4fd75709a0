namespace RingKernel.Kernels.Persistent;

/// <summary>Values a ring kernel writes to <see cref="Layouts.ControlBlock.LastError"/>; 0 is none.</summary>
public static class KernelErrorCodes
{
    public const uint None = 0;

    /// <summary>The kernel body threw; the kernel is faulted.</summary>
    public const uint BodyFault = 1;

    /// <summary>An input message failed validation and was skipped.</summary>
    public const uint RejectedMessage = 2;
}
