using RingKernel.Commands;
using RingKernel.Kernels;

namespace RingKernel.Vulkan.Commands;

/// <summary>Hands an Exec command's typed dispatch to the backend, recording into a batch of a <see cref="VulkanCommandQueue"/>.</summary>
internal readonly struct VulkanExecRecorder(VulkanBackend backend, VulkanBatchAllocator allocator, VulkanBatch batch) : IKernelDispatcher
{
    public void Dispatch<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        VulkanBatchAllocator sets = allocator;
        VulkanBatch target = batch;
        backend.RecordDispatch(kernel, args, target.CommandBuffer, (layout, buffers) => sets.AllocateSet(target, layout, buffers));
    }
}
