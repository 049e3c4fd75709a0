using RingKernel.Kernels;
using RingKernel.Vulkan.Devices;
using RingKernel.Vulkan.Kernels;

namespace RingKernel.Vulkan.Pipelines;

/// <summary>
/// The compute pipelines a backend has built for one-shot dispatches and command queues, one per
/// kernel body and workgroup shape, kept until the backend is disposed. Not thread-safe: the backend
/// holds its lock around every call.
/// </summary>
internal sealed class VulkanComputePipelines(VulkanDevice device) : IDisposable
{
    private readonly Dictionary<(object Body, Dim3 Workgroup), VulkanComputePipeline> _pipelines = [];

    /// <summary>The pipeline for <paramref name="body"/> at <paramref name="workgroup"/>, built the first time it is asked for.</summary>
    public VulkanComputePipeline For<TArgs>(VulkanKernelBody<TArgs> body, Dim3 workgroup)
    {
        if (!_pipelines.TryGetValue((body, workgroup), out VulkanComputePipeline? pipeline))
        {
            pipeline = new VulkanComputePipeline(device, body.Spirv.Span, body.EntryPoint, body.StorageBufferCount, body.PushConstantBytes, workgroup);
            _pipelines.Add((body, workgroup), pipeline);
        }

        return pipeline;
    }

    public void Dispose()
    {
        foreach (VulkanComputePipeline pipeline in _pipelines.Values)
            pipeline.Dispose();
        _pipelines.Clear();
    }
}
