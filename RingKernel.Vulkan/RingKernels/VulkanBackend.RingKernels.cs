using RingKernel.Backends;
using RingKernel.Kernels;
using RingKernel.Kernels.Driven;
using RingKernel.Kernels.Persistent;
using RingKernel.Memory;
using RingKernel.Vulkan.Kernels;
using RingKernel.Vulkan.Memory;
using RingKernel.Vulkan.RingKernels;

namespace RingKernel.Vulkan;

// Persistent ring kernels on Vulkan (RingKernels/): see VulkanRingKernel and VulkanRingKernelMode.
public sealed partial class VulkanBackend : IRingKernelBackend
{
    /// <summary>
    /// The push-constant bytes the backend writes first for every ring kernel (where its rings and
    /// control block are, how long a dispatch may run: the <c>RingKernelArguments</c> block of
    /// Shaders/ringkernel_ring.glsl); a ring kernel's own push constants follow from this offset.
    /// </summary>
    public const int RingKernelArgumentBytes = RingKernelDispatchArguments.Size;

    /// <summary>How <see cref="CreateRingKernel{TArgs}(KernelDefinition{TArgs}, TArgs, RingKernelMemory)"/> runs kernels: event-driven unless set.</summary>
    public VulkanRingKernelOptions RingKernelOptions { get; set; } = new();

    /// <summary>A ring kernel over <paramref name="memory"/>, run as <see cref="RingKernelOptions"/> says.</summary>
    /// <exception cref="ArgumentException">See <see cref="CreateRingKernel{TArgs}(KernelDefinition{TArgs}, TArgs, RingKernelMemory, VulkanRingKernelOptions)"/>.</exception>
    public IRingKernel CreateRingKernel<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, RingKernelMemory memory) =>
        CreateRingKernel(kernel, args, memory, RingKernelOptions);

    /// <summary>
    /// A ring kernel in state Created that runs <paramref name="kernel"/>'s Vulkan body, a shader built
    /// on Shaders/ringkernel_ring.glsl, over <paramref name="memory"/> (allocated in this backend's
    /// <see cref="MemorySpace"/>). The body's push constants start with the 56 bytes the backend fills;
    /// its binder writes its own from byte 56 and binds its storage buffers.
    /// </summary>
    /// <remarks>A kernel whose body its driver thread runs itself (the tiled stencil's tile kernel) is driven the same way, with no shader of its own.</remarks>
    /// <exception cref="ArgumentException">The kernel has no Vulkan body, is not one workgroup, pushes fewer than 56 bytes, or the memory is not this backend's.</exception>
    /// <exception cref="NotSupportedException">The device lacks buffer device addresses, which ring kernels use to reach their rings.</exception>
    public IRingKernel CreateRingKernel<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, RingKernelMemory memory, VulkanRingKernelOptions options)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(options);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (kernel.TryGetBody(out DriverBody<TArgs>? driven))
            return new DrivenRingKernel(kernel.Name, memory, "Vulkan", () => driven.CreateDriver(memory, args), options.Mode == VulkanRingKernelMode.BoundedPersistent);

        if (!kernel.TryGetBody(out VulkanKernelBody<TArgs>? body))
            throw new ArgumentException($"Ring kernel '{kernel.Name}' has no Vulkan body: give it one with its SPIR-V (WithVulkan).", nameof(kernel));
        if (kernel.Options.WorkgroupCount != 1)
            throw new ArgumentException($"A ring kernel runs as one workgroup; '{kernel.Name}' has a grid of {kernel.Options.Grid}.", nameof(kernel));
        if (body.PushConstantBytes < RingKernelDispatchArguments.Size)
            throw new ArgumentException($"Ring kernel '{kernel.Name}' pushes {body.PushConstantBytes} bytes of constants; a ring kernel shader's first {RingKernelDispatchArguments.Size} are the ring kernel arguments.", nameof(kernel));
        if (!SupportsBufferDeviceAddress)
            throw new NotSupportedException($"Vulkan device {Device.Name} lacks the bufferDeviceAddress feature, through which ring kernel shaders reach their rings.");
        return ShaderRingDriver.Create(this, kernel.Name, memory, options, () => CreateRingDispatcher(kernel, body, args));
    }

    /// <summary>A dispatcher with its own pipeline for one ring kernel instance, its arguments bound.</summary>
    private VulkanRingDispatcher CreateRingDispatcher<TArgs>(KernelDefinition<TArgs> kernel, VulkanKernelBody<TArgs> body, TArgs args)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return VulkanRingDispatcher.Create(this, _device, _gate, kernel.Name, body, args, kernel.Options.Workgroup);
        }
    }

    /// <summary><paramref name="buffer"/> as this backend's buffer, or an error naming <paramref name="what"/>.</summary>
    internal VulkanBuffer OwnRingBuffer(DeviceBuffer buffer, string what) => OwnBuffer(buffer, what);
}
