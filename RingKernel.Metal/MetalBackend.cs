using RingKernel.Backends;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Memory;
using RingKernel.Metal.Commands;
using RingKernel.Metal.Devices;
using RingKernel.Metal.Interop;
using RingKernel.Metal.Kernels;
using RingKernel.Metal.Memory;
using RingKernel.Metal.Pipelines;
using RingKernel.Telemetry;
using RingKernel.Vulkan.Devices;

namespace RingKernel.Metal;

/// <summary>
/// Runs kernels' Metal bodies (<see cref="MetalKernelBody{TArgs}"/>: MSL translated from the Vulkan
/// shaders' SPIR-V) on the system's default Metal device, through the Objective-C runtime. A dispatch
/// encodes one compute pass on a command buffer, commits it and waits: when <see cref="Dispatch{TArgs}"/>
/// returns, the device has finished and its writes to shared buffers are visible to the host.
/// </summary>
/// <remarks>
/// <para><see cref="IsAvailable"/> and <see cref="UnavailableReason"/> describe this machine: macOS, the
/// Metal framework, a default device in the Metal 3 family (buffer GPU addresses, which the ring and halo
/// kernels follow). Elsewhere construction throws <see cref="BackendUnavailableException"/> with that reason.</para>
/// <para>Memory: <see cref="MemorySpace"/> gives shared buffers (rings, control blocks, K2K inboxes,
/// fields), <see cref="AllocatePrivate"/> device memory. Ring kernels are event-driven, as on Vulkan:
/// Metal promises no forward progress to a dispatch that never ends, so a dispatch drains what is queued
/// and returns, and the host dispatches again when more arrives (<see cref="CreateRingKernel{TArgs}(KernelDefinition{TArgs}, TArgs, RingKernelMemory)"/>).</para>
/// </remarks>
public sealed partial class MetalBackend : IComputeBackend, IShaderDevice, IDisposable
{
    /// <summary>What <see cref="Name"/> returns.</summary>
    public const string BackendName = "metal";

    private static readonly Lazy<string?> Probe = new(MetalMachineProbe.Run);

    private readonly Lock _gate = new();
    private readonly MetalDevice _device;
    private readonly ObjCObject _queue;
    private readonly MetalResidency _residency = new();
    private readonly MetalComputePipelines _pipelines;
    private bool _disposed;

    /// <summary>Opens the system's default Metal device.</summary>
    /// <exception cref="BackendUnavailableException">This machine cannot run the backend; the reason says why.</exception>
    public MetalBackend()
    {
        if (Probe.Value is { } reason)
            throw new BackendUnavailableException(BackendName, reason);
        _device = MetalDevice.OpenDefault() ?? throw new BackendUnavailableException(BackendName, "MTLCreateSystemDefaultDevice found no Metal device");
        try
        {
            _queue = _device.NewCommandQueue();
            _pipelines = new MetalComputePipelines(_device);
            MemorySpace = new MetalMemorySpace(_device, _residency);
        }
        catch
        {
            _queue?.Dispose();
            _device.Dispose();
            throw;
        }
    }

    /// <summary>True when this machine can run the backend.</summary>
    public static bool IsAvailable => Probe.Value is null;

    /// <summary>What is missing when <see cref="IsAvailable"/> is false; null otherwise.</summary>
    public static string? UnavailableReason => Probe.Value;

    public string Name => BackendName;

    bool IComputeBackend.IsAvailable => true;

    string? IComputeBackend.UnavailableReason => null;

    /// <summary>Shared buffers: host and device reach the same memory.</summary>
    public IMemorySpace MemorySpace { get; }

    /// <summary>The device's name (e.g. "Apple M2").</summary>
    public string DeviceName => _device.Name;

    /// <summary>True on Apple silicon: shared buffers are the GPU's own memory.</summary>
    public bool HasUnifiedMemory => _device.HasUnifiedMemory;

    string IShaderDevice.ApiName => "Metal";

    bool IShaderDevice.SupportsBufferDeviceAddress => true;

    /// <summary>
    /// Runs <paramref name="kernel"/>'s Metal body over its grid and returns when the device has finished.
    /// Cancellation is checked before the work is committed; committed work always runs to the end.
    /// </summary>
    /// <exception cref="ArgumentException">The kernel has no Metal body, or its binder refused the arguments.</exception>
    /// <exception cref="MetalException">Metal failed to compile, encode or run it.</exception>
    public void Dispatch<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, CancellationToken cancellationToken = default) =>
        Run(Prepare(kernel, args, kernel.Options.Workgroup), kernel.Name, cancellationToken);

    /// <summary>Runs <see cref="Dispatch{TArgs}"/> on the thread pool (the wait blocks a thread); argument errors are thrown at once.</summary>
    public Task DispatchAsync<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, CancellationToken cancellationToken = default)
    {
        MetalDispatch dispatch = Prepare(kernel, args, kernel.Options.Workgroup);
        return Task.Run(() => Run(dispatch, kernel.Name, cancellationToken), cancellationToken);
    }

    /// <summary>A zeroed buffer in device memory (MTLStorageModePrivate): not host-accessible; reached through command-queue copies.</summary>
    public MetalBuffer AllocatePrivate(long length, int alignment = DeviceBuffer.DefaultAlignment)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            MetalBuffer buffer = MetalBuffer.Create(_device, _residency, length, alignment, shared: false);
            try
            {
                using AutoreleasePool pool = AutoreleasePool.Push();
                nint commandBuffer = MetalCommandBuffers.Begin(_queue.Id);
                MetalBlits.Fill(commandBuffer, buffer, 0, MetalBuffer.WholeWords(length), 0);
                MetalCommandBuffers.Commit(commandBuffer);
                MetalCommandBuffers.WaitAndCheck(commandBuffer, "zeroing a private buffer");
                return buffer;
            }
            catch
            {
                buffer.Dispose();
                throw;
            }
        }
    }

    /// <summary>Disposes the command queues still open and the ring dispatchers' work, then frees buffers still alive, pipelines, the queue and the device.</summary>
    public void Dispose()
    {
        // Queues first, outside the lock: their workers take it to encode dispatches.
        foreach (MetalCommandQueue queue in TakeQueues())
            queue.Dispose();

        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            using (AutoreleasePool pool = AutoreleasePool.Push())
            {
                // Everything committed to the backend's queue before this one has run once it has.
                nint last = MetalCommandBuffers.Begin(_queue.Id);
                MetalCommandBuffers.Commit(last);
                ObjCMessages.Void(last, Selectors.WaitUntilCompleted);
            }

            _residency.ReleaseAll(buffer => buffer.ReleaseNative());
            _pipelines.Dispose();
            _queue.Dispose();
            _device.Dispose();
        }
    }

    public override string ToString() => $"metal on {_device.Name}";

    /// <summary>Encodes, commits and waits for one prepared dispatch.</summary>
    private void Run(MetalDispatch dispatch, string kernelName, CancellationToken cancellationToken)
    {
        using KernelDispatchTiming timing = KernelDispatchTiming.Start(kernelName, Name);
        cancellationToken.ThrowIfCancellationRequested();
        RunAndWait(dispatch, $"kernel '{kernelName}'");
    }

    /// <summary>Encodes <paramref name="dispatch"/> on a command buffer of the backend's queue, commits it and waits until it has run.</summary>
    /// <exception cref="MetalException">The command buffer ended in error.</exception>
    internal void RunAndWait(MetalDispatch dispatch, string what)
    {
        using AutoreleasePool pool = AutoreleasePool.Push();
        nint commandBuffer;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            commandBuffer = MetalCommandBuffers.Begin(_queue.Id);
            dispatch.Encode(commandBuffer, _residency);
            MetalCommandBuffers.Commit(commandBuffer);
        }

        MetalCommandBuffers.WaitAndCheck(commandBuffer, what);
    }

    ulong IShaderDevice.DeviceAddressOf(DeviceBuffer buffer, string what) => OwnBuffer(buffer, what).DeviceAddress;

    KernelDefinition<TArgs> IShaderDevice.Adopt<TArgs>(KernelDefinition<TArgs> kernel) => kernel.WithMetal();

    void IShaderDevice.Dispatch<TArgs>(KernelDefinition<TArgs> kernel, TArgs args) => Dispatch(kernel, args);

    /// <summary>The buffer as this backend's own, or an <see cref="ArgumentException"/> saying where to allocate it.</summary>
    internal MetalBuffer OwnBuffer(DeviceBuffer buffer, string what)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ObjectDisposedException.ThrowIf(buffer.IsDisposed, buffer);
        if (buffer is not MetalBuffer metal || metal.Residency != _residency)
            throw new ArgumentException($"The buffer for {what} ({buffer.Kind}, {buffer.GetType().Name}) was not allocated by this Metal backend; allocate it from its MemorySpace or AllocatePrivate.", nameof(buffer));
        return metal;
    }

    /// <summary>
    /// <paramref name="kernel"/>'s Metal body with <paramref name="args"/> bound, its pipeline compiled for
    /// threadgroups of <paramref name="workgroup"/>: a dispatch ready to encode.
    /// </summary>
    internal MetalDispatch Prepare<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, Dim3 workgroup)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (!kernel.TryGetBody(out MetalKernelBody<TArgs>? body))
            throw new ArgumentException($"Kernel '{kernel.Name}' has no Metal body: attach one with WithMetal() (from its Vulkan body) or WithMetal(body).", nameof(kernel));
        MetalArguments arguments = MetalArguments.Bind(body, args, kernel.Name);
        var buffers = new (int, MetalBuffer)[arguments.Buffers.Count];
        for (int i = 0; i < buffers.Length; i++)
            buffers[i] = (arguments.Buffers[i].Index, OwnBuffer(arguments.Buffers[i].Buffer, $"binding {i}"));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            MetalComputePipeline pipeline = _pipelines.For(body.Shader, workgroup);
            Dim3 grid = kernel.Options.Grid;
            return new MetalDispatch(pipeline, buffers, arguments.ConstantsIndex, arguments.Constants, new MTLSize((nuint)grid.X, (nuint)grid.Y, (nuint)grid.Z));
        }
    }
}
