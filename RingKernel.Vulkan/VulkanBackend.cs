using RingKernel.Backends;
using RingKernel.Kernels;
using RingKernel.Memory;
using RingKernel.Telemetry;
using RingKernel.Vulkan.Commands;
using RingKernel.Vulkan.Devices;
using RingKernel.Vulkan.Interop;
using RingKernel.Vulkan.Kernels;
using RingKernel.Vulkan.Memory;
using RingKernel.Vulkan.Pipelines;
using Silk.NET.Vulkan;

namespace RingKernel.Vulkan;

/// <summary>
/// Runs kernels' SPIR-V bodies (<see cref="VulkanKernelBody{TArgs}"/>) on one Vulkan
/// device through Silk.NET's Vulkan bindings. A dispatch binds the body's storage buffers and push
/// constants, records one command buffer, submits it and waits on a fence: when
/// <see cref="Dispatch{TArgs}"/> returns, the device has finished and its writes to host-visible
/// buffers are visible to the host. Dispatches on one backend are serialised.
/// </summary>
/// <remarks>
/// <see cref="IsAvailable"/> and <see cref="UnavailableReason"/> describe this machine (loader,
/// driver and at least one suitable device); through <see cref="IComputeBackend"/> a constructed
/// backend is always available, since construction fails otherwise.
/// </remarks>
public sealed unsafe partial class VulkanBackend : IComputeBackend, IShaderDevice, IDisposable
{
    private static readonly Lazy<string?> Probe = new(VulkanMachineProbe.Run);

    private readonly Lock _gate = new();
    private readonly VulkanInstance _instance;
    private readonly VulkanDevice _device;
    private readonly VulkanSubmitter _submitter;
    private readonly VulkanComputePipelines _pipelines;
    private readonly DeviceBuffer?[] _boundBuffers = new DeviceBuffer?[VulkanKernelBody<object>.MaxStorageBuffers];
    private readonly VulkanBuffer[] _vulkanBuffers = new VulkanBuffer[VulkanKernelBody<object>.MaxStorageBuffers];
    private readonly byte[] _pushConstants = new byte[VulkanKernelBody<object>.MaxPushConstantBytes];
    private readonly List<VulkanCommandQueue> _queues = [];
    private bool _disposed;

    /// <summary>Opens the device <paramref name="options"/> choose (by default the first suitable one, GPUs first).</summary>
    /// <exception cref="BackendUnavailableException">No Vulkan loader, driver or suitable device here.</exception>
    public VulkanBackend(VulkanBackendOptions? options = null)
    {
        if (Probe.Value is { } reason)
            throw new BackendUnavailableException("vulkan", reason);
        options ??= new VulkanBackendOptions();
        _instance = new VulkanInstance();
        try
        {
            VulkanPhysicalDevice physical = VulkanDeviceSelector.Select(_instance.PhysicalDevices, options);
            _device = new VulkanDevice(_instance, physical);
            _submitter = new VulkanSubmitter(_device);
            _pipelines = new VulkanComputePipelines(_device);
            MemorySpace = new VulkanMemorySpace(_device);
        }
        catch
        {
            _submitter?.Dispose();
            _device?.Dispose();
            _instance.Dispose();
            throw;
        }
    }

    /// <summary>True when this machine has a Vulkan loader, a driver and a device the backend can run on.</summary>
    public static bool IsAvailable => Probe.Value is null;

    /// <summary>What is missing when <see cref="IsAvailable"/> is false, including what to install; null otherwise.</summary>
    public static string? UnavailableReason => Probe.Value;

    public string Name => "vulkan";

    bool IComputeBackend.IsAvailable => true;

    string? IComputeBackend.UnavailableReason => null;

    string IShaderDevice.ApiName => "Vulkan";

    string IShaderDevice.DeviceName => Device.Name;

    /// <summary>Host-visible, coherent, persistently mapped buffers that kernels bind as storage buffers.</summary>
    public IMemorySpace MemorySpace { get; }

    /// <summary>The device this backend runs on.</summary>
    public VulkanDeviceInfo Device => _device.Physical.Info;

    /// <summary>True when buffers have a <see cref="DeviceBuffer.DeviceAddress"/> (the bufferDeviceAddress feature).</summary>
    public bool SupportsBufferDeviceAddress => _device.Physical.SupportsBufferDeviceAddress;

    /// <summary>Submissions to the device's queue that have completed, read from the backend's timeline semaphore.</summary>
    public ulong CompletedSubmissions
    {
        get
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return _submitter.CompletedSubmissions;
            }
        }
    }

    /// <summary>Every physical device the loader reports, with whether the backend can run on it.</summary>
    /// <exception cref="BackendUnavailableException">There is no Vulkan loader or driver.</exception>
    public static IReadOnlyList<VulkanDeviceInfo> EnumerateDevices()
    {
        if (!VulkanLibrary.TryLoad(out string? reason))
            throw new BackendUnavailableException("vulkan", reason!);
        using var instance = new VulkanInstance();
        return instance.PhysicalDevices.Select(d => d.Info).ToArray();
    }

    /// <summary>A timeline semaphore on this backend's device.</summary>
    public VulkanTimelineSemaphore CreateTimelineSemaphore(ulong initialValue = 0)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return new VulkanTimelineSemaphore(_device, initialValue);
        }
    }

    /// <summary>
    /// Runs <paramref name="kernel"/>'s Vulkan body over its grid and returns when the device has
    /// finished. Cancellation is checked before the work is submitted; submitted work always runs to the end.
    /// </summary>
    public void Dispatch<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, CancellationToken cancellationToken = default)
    {
        VulkanKernelBody<TArgs> body = VulkanKernelValidator.Validate(kernel, _device.Physical);
        LaunchOptions options = kernel.Options;
        using KernelDispatchTiming timing = KernelDispatchTiming.Start(kernel.Name, Name);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            VulkanComputePipeline pipeline = _pipelines.For(body, options.Workgroup);
            Span<DeviceBuffer?> slots = _boundBuffers.AsSpan(0, body.StorageBufferCount);
            Span<byte> pushConstants = _pushConstants.AsSpan(0, body.PushConstantBytes);
            slots.Clear();
            pushConstants.Clear();
            body.Bind(args, new VulkanBindings(slots, pushConstants));
            for (int i = 0; i < slots.Length; i++)
            {
                _vulkanBuffers[i] = slots[i] is { } bound
                    ? OwnBuffer(bound, $"binding {i}")
                    : throw new ArgumentException($"The binder of kernel '{kernel.Name}' left storage buffer binding {i} unset; it declares {slots.Length}.", nameof(args));
            }

            cancellationToken.ThrowIfCancellationRequested();
            CommandBuffer commands = _submitter.Begin();
            try
            {
                pipeline.Record(commands, _vulkanBuffers.AsSpan(0, slots.Length), pushConstants, options.Grid);
                RecordBarrier(commands, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderWriteBit);
            }
            catch
            {
                _submitter.Abandon();
                throw;
            }

            Submit();
            Array.Clear(_vulkanBuffers);
            Array.Clear(_boundBuffers);
        }
    }

    ulong IShaderDevice.DeviceAddressOf(DeviceBuffer buffer, string what) => OwnBuffer(buffer, what).DeviceAddress;

    KernelDefinition<TArgs> IShaderDevice.Adopt<TArgs>(KernelDefinition<TArgs> kernel) => kernel;

    void IShaderDevice.Dispatch<TArgs>(KernelDefinition<TArgs> kernel, TArgs args) => Dispatch(kernel, args);

    /// <summary>Runs <see cref="Dispatch{TArgs}"/> on the thread pool (the fence wait blocks a thread); argument errors are thrown at once.</summary>
    public Task DispatchAsync<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, CancellationToken cancellationToken = default)
    {
        VulkanKernelValidator.Validate(kernel, _device.Physical);
        return Task.Run(() => Dispatch(kernel, args, cancellationToken), cancellationToken);
    }

    /// <summary>Disposes the command queues still open, waits for the device, then frees pipelines, buffers still alive, the device and the instance.</summary>
    public void Dispose()
    {
        // Queues first, outside the lock: their workers take it to record dispatches.
        VulkanCommandQueue[] queues;
        lock (_gate)
        {
            if (_disposed)
                return;
            queues = [.. _queues];
        }

        foreach (VulkanCommandQueue queue in queues)
            queue.Dispose();

        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            _device.Api.DeviceWaitIdle(_device.Handle);
            _pipelines.Dispose();
            _submitter.Dispose();
            _device.Dispose();
            _instance.Dispose();
        }
    }

    private VulkanBuffer OwnBuffer(DeviceBuffer buffer, string what)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ObjectDisposedException.ThrowIf(buffer.IsDisposed, buffer);
        if (buffer is not VulkanBuffer vulkan || vulkan.Device != _device)
            throw new ArgumentException($"The buffer for {what} ({buffer.Kind}, {buffer.GetType().Name}) was not allocated by this Vulkan backend; allocate it from its MemorySpace or AllocateDeviceLocal.", nameof(buffer));
        return vulkan;
    }

    /// <summary>
    /// Makes what the recorded work wrote available to everything after it: later shaders and copies
    /// on the queue, and the host once the fence has been waited on.
    /// </summary>
    private void RecordBarrier(CommandBuffer commands, PipelineStageFlags sourceStage, AccessFlags sourceAccess)
    {
        var barrier = new MemoryBarrier
        {
            SType = StructureType.MemoryBarrier,
            SrcAccessMask = sourceAccess,
            DstAccessMask = AccessFlags.ShaderReadBit | AccessFlags.ShaderWriteBit | AccessFlags.TransferReadBit
                | AccessFlags.TransferWriteBit | AccessFlags.HostReadBit | AccessFlags.HostWriteBit,
        };
        _device.Api.CmdPipelineBarrier(commands, sourceStage, PipelineStageFlags.ComputeShaderBit | PipelineStageFlags.TransferBit | PipelineStageFlags.HostBit,
            0, 1, &barrier, 0, null, 0, null);
    }

    private void Submit() => _submitter.SubmitAndWait();
}
