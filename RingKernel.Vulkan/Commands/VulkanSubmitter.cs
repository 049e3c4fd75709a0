using RingKernel.Vulkan.Devices;
using RingKernel.Vulkan.Interop;
using Silk.NET.Vulkan;
using Semaphore = Silk.NET.Vulkan.Semaphore;

namespace RingKernel.Vulkan.Commands;

/// <summary>
/// Records one command buffer at a time and runs it to completion: submit with a fence, wait on
/// the fence, reset it. Each submission also signals the device's submission timeline with its
/// sequence number, so <see cref="CompletedSubmissions"/> counts finished work. Not thread-safe:
/// the backend serialises its callers.
/// </summary>
internal sealed unsafe class VulkanSubmitter : IDisposable
{
    private readonly VulkanDevice _device;
    private readonly CommandPool _pool;
    private readonly CommandBuffer _commandBuffer;
    private readonly Fence _fence;
    private readonly VulkanTimelineSemaphore _timeline;
    private ulong _submitted;
    private bool _recording;

    public VulkanSubmitter(VulkanDevice device)
    {
        _device = device;
        Vk vk = device.Api;
        CommandPool pool = VulkanCommandBuffers.CreatePool(device);
        _pool = pool;
        try
        {
            _commandBuffer = VulkanCommandBuffers.Allocate(device, pool);
            _fence = VulkanCommandBuffers.CreateFence(device);
            _timeline = new VulkanTimelineSemaphore(device, 0);
        }
        catch
        {
            if (_fence.Handle != 0)
                vk.DestroyFence(device.Handle, _fence, null);
            vk.DestroyCommandPool(device.Handle, pool, null);
            throw;
        }
    }

    /// <summary>Submissions that have completed on the device (the timeline's value).</summary>
    public ulong CompletedSubmissions => _timeline.Value;

    /// <summary>Resets the command buffer and begins recording into it.</summary>
    public CommandBuffer Begin()
    {
        if (_recording)
            throw new InvalidOperationException("A command buffer is already being recorded.");
        VulkanResults.Check(_device.Api.ResetCommandBuffer(_commandBuffer, 0), "vkResetCommandBuffer");
        VulkanCommandBuffers.Begin(_device, _commandBuffer);
        _recording = true;
        return _commandBuffer;
    }

    /// <summary>Abandons a recording that failed half-way, so the next <see cref="Begin"/> starts clean.</summary>
    public void Abandon()
    {
        if (!_recording)
            return;
        _recording = false;
        _device.Api.EndCommandBuffer(_commandBuffer);
    }

    /// <summary>Ends the recording, submits it, and returns when the device has finished it.</summary>
    public void SubmitAndWait()
    {
        if (!_recording)
            throw new InvalidOperationException("No command buffer is being recorded.");
        _recording = false;
        Vk vk = _device.Api;
        VulkanResults.Check(vk.EndCommandBuffer(_commandBuffer), "vkEndCommandBuffer");

        ulong signalValue = _submitted + 1;
        Semaphore semaphore = _timeline.Handle;
        CommandBuffer commandBuffer = _commandBuffer;
        var timelineInfo = new TimelineSemaphoreSubmitInfo
        {
            SType = StructureType.TimelineSemaphoreSubmitInfo,
            SignalSemaphoreValueCount = 1,
            PSignalSemaphoreValues = &signalValue,
        };
        var submit = new SubmitInfo
        {
            SType = StructureType.SubmitInfo,
            PNext = &timelineInfo,
            CommandBufferCount = 1,
            PCommandBuffers = &commandBuffer,
            SignalSemaphoreCount = 1,
            PSignalSemaphores = &semaphore,
        };
        lock (_device.QueueGate)
            VulkanResults.Check(vk.QueueSubmit(_device.Queue, 1, &submit, _fence), "vkQueueSubmit");
        _submitted = signalValue;

        Fence fence = _fence;
        VulkanResults.Check(vk.WaitForFences(_device.Handle, 1, &fence, true, ulong.MaxValue), "vkWaitForFences");
        VulkanResults.Check(vk.ResetFences(_device.Handle, 1, &fence), "vkResetFences");
        // The fence and the timeline signal of one submission need not become visible together
        // (lavapipe was seen signalling the fence first), so wait for the timeline too: a caller that
        // reads CompletedSubmissions after this returns must count this submission.
        _timeline.Wait(signalValue, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        Vk vk = _device.Api;
        _timeline.Dispose();
        vk.DestroyFence(_device.Handle, _fence, null);
        vk.DestroyCommandPool(_device.Handle, _pool, null);
    }
}
