namespace RingKernel.Vulkan.RingKernels;

/// <summary>
/// One ring kernel instance's dispatches on its device, its own resources bound once: what
/// a <see cref="ShaderRingDriver"/> runs on its kernel's driver thread. Used by that thread only.
/// </summary>
public interface IRingKernelDispatcher : IDisposable
{
    /// <summary>
    /// Runs one dispatch (one workgroup) with <paramref name="arguments"/> as the first bytes of its push
    /// constants and returns when the device has finished it and its writes are visible to the host;
    /// while it runs, <paramref name="whileRunning"/> (when given) is called every few microseconds.
    /// </summary>
    void Run(in RingKernelDispatchArguments arguments, Action? whileRunning);
}
