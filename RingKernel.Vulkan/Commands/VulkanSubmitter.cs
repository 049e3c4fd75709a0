using RingKernel.Vulkan.Devices;
using RingKernel.Vulkan.Interop;
using Silk.NET.Vulkan;
using Semaphore = Silk.NET.Vulkan.Semaphore;

namespace RingKernel.Vulkan.Commands;

/// <summary>
/// Records one command buffer at a time and runs it to completion: each submission signals the
/// device's submission timeline with its sequence number, and the caller waits for that value (no
/// fence: lavapipe signals a fence before the timeline, so waiting on both woke the caller twice a
/// dispatch). <see cref="CompletedSubmissions"/> counts finished work. Not thread-safe: the backend
/// serialises its callers.
/// </summary>
internal sealed unsafe class VulkanSubmitter : IDisposable
{
    private readonly VulkanDevice _device;
    private readonly CommandPool _pool;
    private readonly CommandBuffer _commandBuffer;
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
            _timeline = new VulkanTimelineSemaphore(device, 0);
        }
        catch
        {
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
            VulkanResults.Check(vk.QueueSubmit(_device.Queue, 1, &submit, default), "vkQueueSubmit");
        _submitted = signalValue;

        // The signal is the submission's completion; the recorded barrier to the host stage makes its
        // writes visible once the wait returns, and CompletedSubmissions counts it.
        _timeline.Wait(signalValue, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        Vk vk = _device.Api;
        _timeline.Dispose();
        vk.DestroyCommandPool(_device.Handle, _pool, null);
    }
}
