using System.Runtime.InteropServices;
using RingKernel.Kernels;
using RingKernel.Memory;
using RingKernel.Vulkan.Commands;
using RingKernel.Vulkan.Devices;
using RingKernel.Vulkan.Interop;
using RingKernel.Vulkan.Kernels;
using RingKernel.Vulkan.Memory;
using RingKernel.Vulkan.Pipelines;
using Silk.NET.Vulkan;

namespace RingKernel.Vulkan.RingKernels;

/// <summary>
/// One ring kernel's dispatches on Vulkan: its own pipeline (so its descriptor set is never rewritten
/// under another kernel's submission), command buffer and fence, and its arguments bound once.
/// Submissions share the backend's queue, which is taken only for the submit itself, so kernels'
/// dispatches and the backend's own work interleave on the device. Used by the kernel's driver thread only.
/// </summary>
internal sealed unsafe class VulkanRingDispatcher : IRingKernelDispatcher
{
    // How long one wait on the fence lasts before the driver's poll runs again (persistent dispatches).
    private const ulong PollIntervalNanoseconds = 20_000;

    private readonly VulkanDevice _device;
    private readonly Lock _queueGate;
    private readonly VulkanComputePipeline _pipeline;
    private readonly CommandPool _pool;
    private readonly CommandBuffer _commandBuffer;
    private readonly Fence _fence;
    private readonly VulkanBuffer[] _buffers;
    private readonly byte[] _pushConstants;

    private VulkanRingDispatcher(VulkanDevice device, Lock queueGate, VulkanComputePipeline pipeline, VulkanBuffer[] buffers, byte[] pushConstants)
    {
        _device = device;
        _queueGate = queueGate;
        _pipeline = pipeline;
        _buffers = buffers;
        _pushConstants = pushConstants;
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

    /// <summary>A dispatcher of <paramref name="body"/> with <paramref name="args"/> bound: the body's storage buffers, and its own push constants from byte <see cref="RingKernelDispatchArguments.Size"/>.</summary>
    public static VulkanRingDispatcher Create<TArgs>(VulkanBackend backend, VulkanDevice device, Lock queueGate, string kernelName, VulkanKernelBody<TArgs> body, TArgs args, Dim3 workgroup)
    {
        byte[] pushConstants = new byte[body.PushConstantBytes];
        var bound = new DeviceBuffer?[body.StorageBufferCount];
        body.Bind(args, new VulkanBindings(bound, pushConstants));
        var buffers = new VulkanBuffer[bound.Length];
        for (int i = 0; i < bound.Length; i++)
            buffers[i] = backend.OwnRingBuffer(bound[i] ?? throw new ArgumentException($"The binder of ring kernel '{kernelName}' left storage buffer binding {i} unset; it declares {bound.Length}."), $"binding {i}");
        return new VulkanRingDispatcher(device, queueGate, new VulkanComputePipeline(device, body.Spirv.Span, body.EntryPoint, body.StorageBufferCount, body.PushConstantBytes, workgroup), buffers, pushConstants);
    }

    public void Run(in RingKernelDispatchArguments arguments, Action? whileRunning)
    {
        MemoryMarshal.Write(_pushConstants, in arguments);
        Vk vk = _device.Api;
        VulkanResults.Check(vk.ResetCommandBuffer(_commandBuffer, 0), "vkResetCommandBuffer");
        VulkanCommandBuffers.Begin(_device, _commandBuffer);
        _pipeline.Record(_commandBuffer, _buffers, _pushConstants, new Dim3(1));

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
