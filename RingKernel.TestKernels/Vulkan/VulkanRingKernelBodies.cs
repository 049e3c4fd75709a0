using RingKernel.Vulkan;
using RingKernel.Vulkan.Kernels;

namespace RingKernel.TestKernels.Vulkan;

/// <summary>The Vulkan bodies of the conformance suite's ring kernels, also the benchmarks' echo (Shaders/ring_*.comp).</summary>
public static class VulkanRingKernelBodies
{
    /// <summary>
    /// Replies to every message with its payload under the same type id; a payload whose first 8 bytes
    /// hold -1 faults the kernel with <see cref="RingKernel.Kernels.Persistent.KernelErrorCodes.BodyFault"/>.
    /// </summary>
    public static VulkanKernelBody<TArgs> Echo<TArgs>() =>
        new(TestKernelFiles.Spirv("ring_echo"), storageBufferCount: 0, VulkanBackend.RingKernelArgumentBytes, static (_, _) => { });

    /// <summary>
    /// Sends and receives K2K messages on the host's orders (see Shaders/ring_k2k_relay.comp): an order of
    /// <paramref name="sendTypeId"/> (route, value) sends the value as a <paramref name="valueTypeId"/>
    /// message on the route, waiting while the inbox is full; an order of <paramref name="receiveTypeId"/>
    /// (route) takes the next message from the inbox on the route, waiting while it is empty. Each order
    /// is answered with an outcome of <paramref name="outcomeTypeId"/>: value, sequence, route, peer kernel, status.
    /// </summary>
    public static VulkanKernelBody<TArgs> K2KRelay<TArgs>(uint sendTypeId, uint receiveTypeId, uint outcomeTypeId, uint valueTypeId) =>
        new(TestKernelFiles.Spirv("ring_k2k_relay"), storageBufferCount: 0, VulkanBackend.RingKernelArgumentBytes + 16, (_, bindings) =>
        {
            bindings.PushConstant(VulkanBackend.RingKernelArgumentBytes, sendTypeId);
            bindings.PushConstant(VulkanBackend.RingKernelArgumentBytes + 4, receiveTypeId);
            bindings.PushConstant(VulkanBackend.RingKernelArgumentBytes + 8, outcomeTypeId);
            bindings.PushConstant(VulkanBackend.RingKernelArgumentBytes + 12, valueTypeId);
        });
}
