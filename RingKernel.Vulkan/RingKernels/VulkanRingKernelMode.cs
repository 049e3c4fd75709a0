namespace RingKernel.Vulkan.RingKernels;

/// <summary>
/// How a Vulkan ring kernel's shader is kept running. Vulkan promises no forward progress to a
/// dispatch that never ends (the queue, and on lavapipe the whole device, is held by it), so the
/// shader always returns; the modes differ in when.
/// </summary>
public enum VulkanRingKernelMode
{
    /// <summary>
    /// Each dispatch drains what is in the input ring and returns; the host driver dispatches again
    /// when a producer publishes (it parks on the ring's wake signal) or a command is posted.
    /// Uses no device time while idle.
    /// </summary>
    EventDriven,

    /// <summary>
    /// Each dispatch keeps polling the input ring and the command word for a bounded number of idle
    /// iterations (<see cref="VulkanRingKernelOptions.PollIterations"/>) before it returns, and the
    /// host driver re-dispatches it while there is work; messages arriving meanwhile are taken without
    /// a dispatch. Holds the device's queue while it polls.
    /// </summary>
    BoundedPersistent,
}
