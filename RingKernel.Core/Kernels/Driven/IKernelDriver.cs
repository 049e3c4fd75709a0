namespace RingKernel.Kernels.Driven;

/// <summary>
/// One ring kernel instance's work, as its <see cref="DrivenRingKernel"/>'s driver thread runs it: a
/// shader dispatch over the kernel's rings, or host code that launches device work per message. Made
/// and used by that thread only.
/// </summary>
public interface IKernelDriver : IDisposable
{
    /// <summary>
    /// Does what the kernel can with what waits in its rings and control block (acknowledging commands,
    /// taking messages, replying, beating) and returns when it has done it and its writes are visible
    /// to the host; while it runs, <paramref name="whileRunning"/> (when given) is called every few
    /// microseconds. A message whose work fails stays first in the input ring: throw
    /// <see cref="MessageFaultedException"/>, or report an error code in the control block (status Faulted).
    /// </summary>
    void Run(Action? whileRunning);
}
