using RingKernel.Kernels;
using RingKernel.Vulkan.Commands;
using RingKernel.Vulkan.Devices;
using RingKernel.Vulkan.Interop;
using RingKernel.Vulkan.Memory;
using RingKernel.Vulkan.Pipelines;
using Silk.NET.Vulkan;

namespace RingKernel.Vulkan.RingKernels;

/// <summary>
/// One ring kernel's dispatches: its own pipeline (so its descriptor set is never rewritten under
/// another kernel's submission), command buffer and fence. Submissions share the backend's queue,
/// which is taken only for the submit itself, so kernels' dispatches and the backend's own work
/// interleave on the device. Used by the kernel's driver thread only.
/// </summary>
internal sealed unsafe class VulkanRingDispatcher : IDisposable
{
    // How long one wait on the fence lasts before the driver's poll runs again (persistent dispatches).
    private const ulong PollIntervalNanoseconds = 20_000;

    private readonly VulkanDevice _device;
    private readonly Lock _queueGate;
    private readonly VulkanComputePipeline _pipeline;
    private readonly CommandPool _pool;
    private readonly CommandBuffer _commandBuffer;
    private readonly Fence _fence;

    public VulkanRingDispatcher(VulkanDevice device, Lock queueGate, ReadOnlySpan<byte> spirv, string entryPoint, int bufferCount, int pushConstantBytes, Dim3 workgroup)
    {
        _device = device;
        _queueGate = queueGate;
        _pipeline = new VulkanComputePipeline(device, spirv, entryPoint, bufferCount, pushConstantBytes, workgroup);
        try
        {
            _pool = VulkanCommandBuffers.CreatePool(device);
            _commandBuffer = VulkanCommandBuffers.Allocate(device, _pool);
            _fence = VulkanCommandBuffers.CreateFence(device);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// Records and submits one dispatch of a single workgroup and returns when the device has finished
    /// it; while it runs, <paramref name="whileRunning"/> (when given) is called every few microseconds.
    /// </summary>
    public void Run(ReadOnlySpan<VulkanBuffer> buffers, ReadOnlySpan<byte> pushConstants, Action? whileRunning)
    {
        Vk vk = _device.Api;
        VulkanResults.Check(vk.ResetCommandBuffer(_commandBuffer, 0), "vkResetCommandBuffer");
        VulkanCommandBuffers.Begin(_device, _commandBuffer);
        _pipeline.Record(_commandBuffer, buffers, pushConstants, new Dim3(1));

        // The shader's writes to host-coherent memory reach the host once the fence is waited on.
        var barrier = new MemoryBarrier
        {
            SType = StructureType.MemoryBarrier,
            SrcAccessMask = AccessFlags.ShaderWriteBit,
            DstAccessMask = AccessFlags.HostReadBit,
        };
        vk.CmdPipelineBarrier(_commandBuffer, PipelineStageFlags.ComputeShaderBit, PipelineStageFlags.HostBit, 0, 1, &barrier, 0, null, 0, null);
        VulkanResults.Check(vk.EndCommandBuffer(_commandBuffer), "vkEndCommandBuffer");

        CommandBuffer commandBuffer = _commandBuffer;
        var submit = new SubmitInfo { SType = StructureType.SubmitInfo, CommandBufferCount = 1, PCommandBuffers = &commandBuffer };
        lock (_queueGate)
        {
            ObjectDisposedException.ThrowIf(_device.IsDisposed, this);
            VulkanResults.Check(vk.QueueSubmit(_device.Queue, 1, &submit, _fence), "vkQueueSubmit");
        }

        Fence fence = _fence;
        if (whileRunning is null)
        {
            VulkanResults.Check(vk.WaitForFences(_device.Handle, 1, &fence, true, ulong.MaxValue), "vkWaitForFences");
        }
        else
        {
            while (true)
            {
                Result result = vk.WaitForFences(_device.Handle, 1, &fence, true, PollIntervalNanoseconds);
                if (result == Result.Success)
                    break;
                if (result != Result.Timeout)
                    VulkanResults.Check(result, "vkWaitForFences");
                whileRunning();
            }
        }

        VulkanResults.Check(vk.ResetFences(_device.Handle, 1, &fence), "vkResetFences");
    }

    public void Dispose()
    {
        Vk vk = _device.Api;
        if (_fence.Handle != 0)
            vk.DestroyFence(_device.Handle, _fence, null);
        if (_pool.Handle != 0)
            vk.DestroyCommandPool(_device.Handle, _pool, null);
        _pipeline.Dispose();
    }
}
