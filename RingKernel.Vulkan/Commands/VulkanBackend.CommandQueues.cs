using RingKernel.Commands;
using RingKernel.Kernels;
using RingKernel.Memory;
using RingKernel.Vulkan.Commands;
using RingKernel.Vulkan.Kernels;
using RingKernel.Vulkan.Memory;
using RingKernel.Vulkan.Pipelines;
using Silk.NET.Vulkan;

namespace RingKernel.Vulkan;

// Command queues on Vulkan (Commands/): see VulkanCommandQueue; what they ask of the backend that created them.
public sealed partial class VulkanBackend
{
    /// <summary>
    /// A command queue on this backend's device (see <see cref="VulkanCommandQueue"/>): compute queues
    /// submit to the device's compute queue, copy queues to a second queue of its family where it has one.
    /// </summary>
    public VulkanCommandQueue CreateCommandQueue(QueueKind kind, string name)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var queue = new VulkanCommandQueue(this, _device, kind, name);
            _queues.Add(queue);
            return queue;
        }
    }

    /// <summary>A queue's Dispose: the backend no longer has to close it.</summary>
    internal void Forget(VulkanCommandQueue queue)
    {
        lock (_gate)
            _queues.Remove(queue);
    }

    /// <summary>
    /// Records <paramref name="kernel"/>'s dispatch into <paramref name="commandBuffer"/> of a command
    /// queue, its buffers bound through a set <paramref name="allocateSet"/> gives for the pipeline's
    /// set layout (the queue frees it once the work has run).
    /// </summary>
    internal void RecordDispatch<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, CommandBuffer commandBuffer, Func<DescriptorSetLayout, int, DescriptorSet> allocateSet)
    {
        VulkanKernelBody<TArgs> body = VulkanKernelValidator.Validate(kernel, _device.Physical);
        VulkanComputePipeline pipeline;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            pipeline = _pipelines.For(body, kernel.Options.Workgroup);
        }

        // Own arrays, not the backend's: queues record on their own threads.
        var slots = new DeviceBuffer?[body.StorageBufferCount];
        var pushConstants = new byte[body.PushConstantBytes];
        body.Bind(args, new VulkanBindings(slots, pushConstants));
        var buffers = new VulkanBuffer[slots.Length];
        for (int i = 0; i < slots.Length; i++)
        {
            buffers[i] = slots[i] is { } bound
                ? OwnBuffer(bound, $"binding {i}")
                : throw new ArgumentException($"The binder of kernel '{kernel.Name}' left storage buffer binding {i} unset; it declares {slots.Length}.", nameof(args));
        }

        DescriptorSet set = buffers.Length > 0 ? allocateSet(pipeline.SetLayout, buffers.Length) : default;
        pipeline.Record(commandBuffer, set, buffers, pushConstants, kernel.Options.Grid);
    }

    /// <summary>The signals this backend's command queues have submitted batches to raise, so other queues can wait for them on the device.</summary>
    internal DeviceSignalRegistry<Silk.NET.Vulkan.Semaphore> Signals { get; } = new();

    /// <summary>The buffer as this backend's own, or an <see cref="ArgumentException"/> saying where to allocate it.</summary>
    internal VulkanBuffer OwnedBuffer(DeviceBuffer buffer, string what) => OwnBuffer(buffer, what);
}
