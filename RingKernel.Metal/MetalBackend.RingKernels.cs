using RingKernel.Backends;
using RingKernel.Kernels;
using RingKernel.Kernels.Driven;
using RingKernel.Kernels.Persistent;
using RingKernel.Metal.Kernels;
using RingKernel.Metal.RingKernels;
using RingKernel.Vulkan.RingKernels;

namespace RingKernel.Metal;

// Ring kernels on Metal (RingKernels/): the Vulkan ring kernel shaders' MSL, driven by the same host driver.
public sealed partial class MetalBackend : IRingKernelBackend
{
    /// <summary>How <see cref="CreateRingKernel{TArgs}(KernelDefinition{TArgs}, TArgs, RingKernelMemory)"/> runs kernels.</summary>
    public MetalRingKernelOptions RingKernelOptions { get; set; } = new();

    /// <summary>
    /// A ring kernel in state Created that runs <paramref name="kernel"/>'s Metal body (the MSL of a shader
    /// built on RingKernel.Vulkan's Shaders/ringkernel_ring.glsl) over <paramref name="memory"/>, allocated
    /// in this backend's <see cref="MemorySpace"/>, event-driven: the host driver the Vulkan backend uses
    /// dispatches it when messages or a command are waiting, each dispatch one thread that drains what is
    /// queued and returns. The lifecycle, faults and recovery are the Vulkan kernel's
    /// (RingKernel.Vulkan/RingKernels/README.md).
    /// </summary>
    /// <exception cref="ArgumentException">The kernel has no Metal body, is not one workgroup, pushes fewer than 56 bytes, or the memory is not this backend's.</exception>
    public IRingKernel CreateRingKernel<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, RingKernelMemory memory)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(memory);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var options = new VulkanRingKernelOptions { Mode = VulkanRingKernelMode.EventDriven, MaxMessagesPerDispatch = RingKernelOptions.MaxMessagesPerDispatch };
        if (kernel.TryGetBody(out DriverBody<TArgs>? driven))
            return new DrivenRingKernel(kernel.Name, memory, "Metal", () => driven.CreateDriver(memory, args));

        if (!kernel.TryGetBody(out MetalKernelBody<TArgs>? body))
            throw new ArgumentException($"Ring kernel '{kernel.Name}' has no Metal body: attach one with WithMetal() (from its Vulkan body).", nameof(kernel));
        if (kernel.Options.WorkgroupCount != 1)
            throw new ArgumentException($"A ring kernel runs as one workgroup; '{kernel.Name}' has a grid of {kernel.Options.Grid}.", nameof(kernel));
        if (body.ConstantBytes < RingKernelDispatchArguments.Size)
            throw new ArgumentException($"Ring kernel '{kernel.Name}' pushes {body.ConstantBytes} bytes of constants; a ring kernel shader's first {RingKernelDispatchArguments.Size} are the ring kernel arguments.", nameof(kernel));
        return ShaderRingDriver.Create(this, kernel.Name, memory, options,
            () => new MetalRingDispatcher(this, Prepare(kernel, args, new Dim3(1)), kernel.Name));
    }
}
