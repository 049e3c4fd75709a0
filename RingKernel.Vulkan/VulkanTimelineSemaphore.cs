using RingKernel.Vulkan.Devices;
using RingKernel.Vulkan.Interop;
using Silk.NET.Vulkan;
using Semaphore = Silk.NET.Vulkan.Semaphore;

namespace RingKernel.Vulkan;

/// <summary>
/// A Vulkan 1.2 timeline semaphore: a 64-bit counter that only grows, signalled by the host or by
/// queue submissions, that the host can read and wait on.
/// </summary>
public sealed unsafe class VulkanTimelineSemaphore : IDisposable
{
    private readonly VulkanDevice _device;
    private Semaphore _handle;

    internal VulkanTimelineSemaphore(VulkanDevice device, ulong initialValue)
    {
        _device = device;
        var type = new SemaphoreTypeCreateInfo { SType = StructureType.SemaphoreTypeCreateInfo, SemaphoreType = SemaphoreType.Timeline, InitialValue = initialValue };
        var create = new SemaphoreCreateInfo { SType = StructureType.SemaphoreCreateInfo, PNext = &type };
        Semaphore handle;
        VulkanResults.Check(device.Api.CreateSemaphore(device.Handle, &create, null, &handle), "vkCreateSemaphore");
        _handle = handle;
    }

    /// <summary>The current value (vkGetSemaphoreCounterValue).</summary>
    public ulong Value
    {
        get
        {
            ulong value;
            VulkanResults.Check(_device.Api.GetSemaphoreCounterValue(_device.Handle, Handle, &value), "vkGetSemaphoreCounterValue");
            return value;
        }
    }

    internal Semaphore Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.Handle == 0, this);
            return _handle;
        }
    }

    /// <summary>Sets the value from the host; it must be greater than the current value.</summary>
    public void Signal(ulong value)
    {
        ulong current = Value;
        if (value <= current)
            throw new ArgumentOutOfRangeException(nameof(value), value, $"A timeline only grows; its value is already {current}.");
        var signal = new SemaphoreSignalInfo { SType = StructureType.SemaphoreSignalInfo, Semaphore = Handle, Value = value };
        VulkanResults.Check(_device.Api.SignalSemaphore(_device.Handle, &signal), "vkSignalSemaphore");
    }

    /// <summary>Waits until the value is at least <paramref name="value"/>; false when <paramref name="timeout"/> passes first.</summary>
    public bool Wait(ulong value, TimeSpan timeout)
    {
        Semaphore handle = Handle;
        var wait = new SemaphoreWaitInfo { SType = StructureType.SemaphoreWaitInfo, SemaphoreCount = 1, PSemaphores = &handle, PValues = &value };
        ulong nanoseconds = timeout == Timeout.InfiniteTimeSpan ? ulong.MaxValue : (ulong)Math.Max(0, timeout.Ticks) * 100;
        Result result = _device.Api.WaitSemaphores(_device.Handle, &wait, nanoseconds);
        if (result == Result.Timeout)
            return false;
        VulkanResults.Check(result, "vkWaitSemaphores");
        return true;
    }

    public void Dispose()
    {
        ulong handle = Interlocked.Exchange(ref _handle.Handle, 0);
        if (handle != 0 && !_device.IsDisposed)
            _device.Api.DestroySemaphore(_device.Handle, new Semaphore(handle), null);
    }
}
