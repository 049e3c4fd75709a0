using RingKernel.Backends;
using RingKernel.Commands;
using RingKernel.Kernels;
using RingKernel.Memory;
using RingKernel.Vulkan.Commands;
using RingKernel.Vulkan.Devices;
using RingKernel.Vulkan.Interop;
using RingKernel.Vulkan.Memory;
using RingKernel.Vulkan.Pipelines;

namespace RingKernel.Vulkan;

/// <summary>
/// Runs kernels' SPIR-V bodies (<see cref="KernelDefinition{TArgs}.VulkanBody"/>) on one Vulkan
/// device through the project's own bindings. A dispatch binds the body's storage buffers and push
/// constants, records one command buffer, submits it and waits on a fence: when
/// <see cref="Dispatch{TArgs}"/> returns, the device has finished and its writes to host-visible
/// buffers are visible to the host. Dispatches on one backend are serialised.
/// </summary>
/// <remarks>
/// <see cref="IsAvailable"/> and <see cref="UnavailableReason"/> describe this machine (loader,
/// driver and at least one suitable device); through <see cref="IComputeBackend"/> a constructed
/// backend is always available, since construction fails otherwise.
/// </remarks>
public sealed unsafe partial class VulkanBackend : IComputeBackend, IDisposable
{
    private static readonly Lazy<string?> Probe = new(ProbeMachine);

    private readonly Lock _gate = new();
    private readonly VulkanInstance _instance;
    private readonly VulkanDevice _device;
    private readonly VulkanSubmitter _submitter;
    private readonly Dictionary<(object Body, Dim3 Workgroup), VulkanComputePipeline> _pipelines = [];
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

    /// <summary>A zeroed buffer in DEVICE_LOCAL memory: not host-accessible, filled and read back through <see cref="Upload"/> and <see cref="Download"/>.</summary>
    public VulkanBuffer AllocateDeviceLocal(long length, int alignment = DeviceBuffer.DefaultAlignment)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            VulkanBuffer buffer = VulkanBuffer.Create(_device, length, alignment, hostVisible: false);
            try
            {
                nint commands = _submitter.Begin();
                _device.Functions.CmdFillBuffer(commands, buffer.Handle, 0, VkConstants.WholeSize, 0);
                RecordBarrier(commands, VkConstants.StageTransfer, VkConstants.AccessTransferWrite);
                Submit();
                return buffer;
            }
            catch
            {
                buffer.Dispose();
                throw;
            }
        }
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/> at byte <paramref name="offset"/>; through a staging buffer when the destination is device-local.</summary>
    public void Upload(ReadOnlySpan<byte> source, DeviceBuffer destination, long offset = 0)
    {
        VulkanBuffer target = OwnBuffer(destination, nameof(destination));
        CheckRange(target, offset, source.Length, nameof(offset));
        if (source.IsEmpty)
            return;
        if (target.IsHostAccessible)
        {
            source.CopyTo(target.AsSpan(offset, source.Length));
            return;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using VulkanBuffer staging = VulkanBuffer.Create(_device, source.Length, 16, hostVisible: true);
            source.CopyTo(staging.AsSpan());
            Copy(staging, 0, target, offset, source.Length);
        }
    }

    /// <summary>Copies bytes from <paramref name="source"/> at <paramref name="offset"/> into <paramref name="destination"/>; through a staging buffer when the source is device-local.</summary>
    public void Download(DeviceBuffer source, long offset, Span<byte> destination)
    {
        VulkanBuffer origin = OwnBuffer(source, nameof(source));
        CheckRange(origin, offset, destination.Length, nameof(offset));
        if (destination.IsEmpty)
            return;
        if (origin.IsHostAccessible)
        {
            origin.AsSpan(offset, destination.Length).CopyTo(destination);
            return;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using VulkanBuffer staging = VulkanBuffer.Create(_device, destination.Length, 16, hostVisible: true);
            Copy(origin, offset, staging, 0, destination.Length);
            staging.AsSpan().CopyTo(destination);
        }
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
        VulkanKernelBody<TArgs> body = Validate(kernel);
        LaunchOptions options = kernel.Options;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            VulkanComputePipeline pipeline = PipelineFor(body, options.Workgroup);
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
            nint commands = _submitter.Begin();
            try
            {
                pipeline.Record(commands, _vulkanBuffers.AsSpan(0, slots.Length), pushConstants, options.Grid);
                RecordBarrier(commands, VkConstants.StageComputeShader, VkConstants.AccessShaderWrite);
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
    internal void RecordDispatch<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, nint commandBuffer, Func<ulong, int, ulong> allocateSet)
    {
        VulkanKernelBody<TArgs> body = Validate(kernel);
        VulkanComputePipeline pipeline;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            pipeline = PipelineFor(body, kernel.Options.Workgroup);
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

        ulong set = buffers.Length > 0 ? allocateSet(pipeline.SetLayout, buffers.Length) : 0;
        pipeline.Record(commandBuffer, set, buffers, pushConstants, kernel.Options.Grid);
    }

    /// <summary>The signals this backend's command queues have submitted batches to raise, so other queues can wait for them on the device.</summary>
    internal VulkanSignalRegistry Signals { get; } = new();

    /// <summary>The buffer as this backend's own, or an <see cref="ArgumentException"/> saying where to allocate it.</summary>
    internal VulkanBuffer OwnedBuffer(DeviceBuffer buffer, string what) => OwnBuffer(buffer, what);

    /// <summary>Runs <see cref="Dispatch{TArgs}"/> on the thread pool (the fence wait blocks a thread); argument errors are thrown at once.</summary>
    public Task DispatchAsync<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, CancellationToken cancellationToken = default)
    {
        Validate(kernel);
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
            _device.Functions.DeviceWaitIdle(_device.Handle);
            foreach (VulkanComputePipeline pipeline in _pipelines.Values)
                pipeline.Dispose();
            _pipelines.Clear();
            _submitter.Dispose();
            _device.Dispose();
            _instance.Dispose();
        }
    }

    private static string? ProbeMachine()
    {
        if (!VulkanLibrary.TryLoad(out string? reason))
            return reason;
        try
        {
            using var instance = new VulkanInstance();
            if (instance.PhysicalDevices.Count == 0)
                return $"the Vulkan loader found no device: {VulkanLibrary.InstallHint}";
            if (!instance.PhysicalDevices.Any(d => d.Info.IsSuitable))
                return $"no Vulkan device can run the backend ({string.Join("; ", instance.PhysicalDevices.Select(d => d.Info))}): {VulkanLibrary.InstallHint}";
            return null;
        }
        catch (VulkanException e) when (e.Result == (int)VkResult.ErrorIncompatibleDriver)
        {
            return $"the Vulkan loader found no driver ({e.Message}): {VulkanLibrary.InstallHint}";
        }
        catch (Exception e) when (e is VulkanException or NotSupportedException or EntryPointNotFoundException)
        {
            return $"{e.Message}: {VulkanLibrary.InstallHint}";
        }
    }

    private VulkanKernelBody<TArgs> Validate<TArgs>(KernelDefinition<TArgs> kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        VulkanKernelBody<TArgs> body = kernel.VulkanBody
            ?? throw new ArgumentException($"Kernel '{kernel.Name}' has no Vulkan body: give it a VulkanBody with its SPIR-V.", nameof(kernel));
        LaunchOptions options = kernel.Options;
        if (options.HasRings)
            throw new ArgumentException($"Kernel '{kernel.Name}' declares rings ({options}); a one-shot dispatch has no rings to give it.", nameof(kernel));
        VkPhysicalDeviceLimits limits = _device.Physical.Limits;
        Dim3 workgroup = options.Workgroup, grid = options.Grid;
        if (options.ThreadsPerWorkgroup > limits.MaxComputeWorkGroupInvocations
            || workgroup.X > limits.MaxComputeWorkGroupSize[0] || workgroup.Y > limits.MaxComputeWorkGroupSize[1] || workgroup.Z > limits.MaxComputeWorkGroupSize[2])
        {
            throw new ArgumentException($"Kernel '{kernel.Name}' has workgroups of {workgroup}; {Device.Name} allows at most ({limits.MaxComputeWorkGroupSize[0]}, {limits.MaxComputeWorkGroupSize[1]}, {limits.MaxComputeWorkGroupSize[2]}) and {limits.MaxComputeWorkGroupInvocations} threads.", nameof(kernel));
        }

        if (grid.X > limits.MaxComputeWorkGroupCount[0] || grid.Y > limits.MaxComputeWorkGroupCount[1] || grid.Z > limits.MaxComputeWorkGroupCount[2])
            throw new ArgumentException($"Kernel '{kernel.Name}' has a grid of {grid}; {Device.Name} allows at most ({limits.MaxComputeWorkGroupCount[0]}, {limits.MaxComputeWorkGroupCount[1]}, {limits.MaxComputeWorkGroupCount[2]}) workgroups.", nameof(kernel));
        if (body.PushConstantBytes > limits.MaxPushConstantsSize)
            throw new ArgumentException($"Kernel '{kernel.Name}' pushes {body.PushConstantBytes} bytes of constants; {Device.Name} allows {limits.MaxPushConstantsSize}.", nameof(kernel));
        return body;
    }

    private VulkanComputePipeline PipelineFor<TArgs>(VulkanKernelBody<TArgs> body, Dim3 workgroup)
    {
        if (!_pipelines.TryGetValue((body, workgroup), out VulkanComputePipeline? pipeline))
        {
            pipeline = new VulkanComputePipeline(_device, body.Spirv.Span, body.EntryPoint, body.StorageBufferCount, body.PushConstantBytes, workgroup);
            _pipelines.Add((body, workgroup), pipeline);
        }

        return pipeline;
    }

    private VulkanBuffer OwnBuffer(DeviceBuffer buffer, string what)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ObjectDisposedException.ThrowIf(buffer.IsDisposed, buffer);
        if (buffer is not VulkanBuffer vulkan || vulkan.Device != _device)
            throw new ArgumentException($"The buffer for {what} ({buffer.Kind}, {buffer.GetType().Name}) was not allocated by this Vulkan backend; allocate it from its MemorySpace or AllocateDeviceLocal.", nameof(buffer));
        return vulkan;
    }

    private static void CheckRange(DeviceBuffer buffer, long offset, long length, string name)
    {
        if (offset < 0 || offset > buffer.Length - length)
            throw new ArgumentOutOfRangeException(name, offset, $"Range [{offset}, {offset + length}) is outside the buffer of {buffer.Length} bytes.");
    }

    private void Copy(VulkanBuffer source, long sourceOffset, VulkanBuffer destination, long destinationOffset, long length)
    {
        nint commands = _submitter.Begin();
        var region = new VkBufferCopy { SrcOffset = (ulong)sourceOffset, DstOffset = (ulong)destinationOffset, Size = (ulong)length };
        _device.Functions.CmdCopyBuffer(commands, source.Handle, destination.Handle, 1, &region);
        RecordBarrier(commands, VkConstants.StageTransfer, VkConstants.AccessTransferWrite);
        Submit();
    }

    /// <summary>
    /// Makes what the recorded work wrote available to everything after it: later shaders and copies
    /// on the queue, and the host once the fence has been waited on.
    /// </summary>
    private void RecordBarrier(nint commands, uint sourceStage, uint sourceAccess)
    {
        var barrier = new VkMemoryBarrier
        {
            SType = VkStructureType.MemoryBarrier,
            SrcAccessMask = sourceAccess,
            DstAccessMask = VkConstants.AccessShaderRead | VkConstants.AccessShaderWrite | VkConstants.AccessTransferRead
                | VkConstants.AccessTransferWrite | VkConstants.AccessHostRead | VkConstants.AccessHostWrite,
        };
        _device.Functions.CmdPipelineBarrier(commands, sourceStage, VkConstants.StageComputeShader | VkConstants.StageTransfer | VkConstants.StageHost,
            0, 1, &barrier, 0, null, 0, null);
    }

    private void Submit() => _submitter.SubmitAndWait();
}
