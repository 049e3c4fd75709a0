using RingKernel.Backends;
using RingKernel.Commands;
using RingKernel.Cuda.Commands;
using RingKernel.Cuda.Compilation;
using RingKernel.Cuda.Devices;
using RingKernel.Cuda.Interop;
using RingKernel.Cuda.Kernels;
using RingKernel.Cuda.Memory;
using RingKernel.Cuda.Modules;
using RingKernel.Cuda.RingKernels;
using RingKernel.Cuda.Streams;
using RingKernel.Kernels;
using RingKernel.Kernels.Driven;
using RingKernel.Telemetry;
using RingKernel.Kernels.Persistent;
using RingKernel.Memory;

namespace RingKernel.Cuda;

/// <summary>
/// Runs kernels on an NVIDIA GPU through the CUDA driver API, compiling their CUDA C bodies with
/// NVRTC and their C# bodies with ILGPU. Rings and control blocks live in pinned host memory
/// mapped into the device (<see cref="MemorySpace"/>); grids in device memory
/// (<see cref="DeviceMemory"/>). Without a driver, a device, NVRTC or a recent enough GPU the
/// backend reports itself unavailable with the reason, and every operation throws
/// <see cref="BackendUnavailableException"/>.
/// </summary>
public sealed partial class CudaBackend : IRingKernelBackend, IDisposable
{
    public const string BackendName = "cuda";

    /// <summary>
    /// The parameters the backend binds first for every ring kernel: the control block, the input
    /// ring, the output ring, whether replies are checksummed and the K2K endpoint. A ring kernel's
    /// body declares them before its own, which its binder appends.
    /// </summary>
    public const int RingKernelParameters = 5;

    private readonly CudaContext? _context;
    private readonly CudaModuleCache? _modules;
    private readonly CudaDevice? _device;
    private readonly MappedSignalMemory? _signalMemory;

    public CudaBackend(CudaBackendOptions? options = null)
    {
        options ??= new CudaBackendOptions();
        UnavailableReason = Probe(options.DeviceOrdinal, out _device);
        if (UnavailableReason is not null || _device is null)
        {
            UnavailableReason ??= "no CUDA device";
            MemorySpace = new CudaMemorySpace(MemorySpaceKind.PinnedHost, UnavailableReason);
            DeviceMemory = new CudaMemorySpace(MemorySpaceKind.Device, UnavailableReason);
            return;
        }

        _context = new CudaContext(_device);
        _modules = new CudaModuleCache(_context, _device.ComputeCapability, options.PtxCache ?? PtxCache.Default);
        _signalMemory = new MappedSignalMemory(_context);
        MemorySpace = new CudaMemorySpace(MemorySpaceKind.PinnedHost, _context);
        DeviceMemory = new CudaMemorySpace(MemorySpaceKind.Device, _context);
    }

    public string Name => BackendName;

    public bool IsAvailable => UnavailableReason is null;

    public string? UnavailableReason { get; }

    /// <summary>Pinned, device-mapped host memory: rings, control blocks, anything host and kernel share while it runs.</summary>
    public IMemorySpace MemorySpace { get; }

    /// <summary>Device memory: grids, K2K inboxes.</summary>
    public IMemorySpace DeviceMemory { get; }

    /// <summary>The device kernels run on; null when no device was found.</summary>
    public CudaDevice? Device => _device;

    internal CudaContext Context => _context ?? throw Unavailable();

    internal CudaModuleCache Modules => _modules ?? throw Unavailable();

    /// <summary>Timeline signal words mapped into the device, shared by this backend's queues.</summary>
    internal MappedSignalMemory SignalMemory => _signalMemory ?? throw Unavailable();

    /// <summary>Launches <paramref name="kernel"/>'s CUDA body on a stream of its own and completes when it has run.</summary>
    public Task DispatchAsync<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        EnsureAvailable();
        CudaKernelBody<TArgs> body = BodyOf(kernel);
        return Task.Run(() => Run(kernel, body, args), cancellationToken);
    }

    /// <summary>
    /// A ring kernel (one block) over <paramref name="memory"/>, which must be in <see cref="MemorySpace"/>
    /// (the device reads it while the host writes); a kernel with a <see cref="DriverBody{TArgs}"/> (the
    /// tiled stencil's tile kernel) runs on a host driver thread that launches its device work.
    /// </summary>
    public IRingKernel CreateRingKernel<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, RingKernelMemory memory)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(memory);
        EnsureAvailable();
        if (kernel.TryGetBody(out DriverBody<TArgs>? driven))
            return new DrivenRingKernel(kernel.Name, memory, "CUDA", () => driven.CreateDriver(memory, args));
        CudaKernelBody<TArgs> body = BodyOf(kernel);
        if (kernel.Options.WorkgroupCount != 1)
            throw new ArgumentException($"Ring kernel '{kernel.Name}' has a grid of {kernel.Options.Grid}; a ring kernel runs as one workgroup (one block), the single consumer of its input ring.", nameof(kernel));
        if (memory.Input.Ring.Buffer is not CudaPinnedBuffer || memory.Output.Ring.Buffer is not CudaPinnedBuffer)
            throw new ArgumentException("A CUDA ring kernel's memory must be allocated in the CUDA backend's MemorySpace (pinned, device-mapped host memory).", nameof(memory));
        return new CudaRingKernel<TArgs>(this, kernel, body, args, memory);
    }

    /// <summary>A command queue on a stream of its own; timeline signals are waited for and raised with stream memory operations.</summary>
    public ICommandQueue CreateCommandQueue(QueueKind kind, string name)
    {
        EnsureAvailable();
        return new CudaCommandQueue(this, kind, name);
    }

    /// <summary>Throws <see cref="BackendUnavailableException"/> with the reason when kernels cannot run here.</summary>
    public void EnsureAvailable()
    {
        if (!IsAvailable)
            throw Unavailable();
    }

    public void Dispose()
    {
        _modules?.Dispose();
        _signalMemory?.Dispose();
        _context?.Dispose();
    }

    public override string ToString() => IsAvailable ? $"CUDA backend on {_device}" : $"CUDA backend (unavailable: {UnavailableReason})";

    /// <summary>The function of <paramref name="body"/>, compiled and loaded on first use.</summary>
    internal CudaFunction FunctionOf<TArgs>(CudaKernelBody<TArgs> body) =>
        body.Method is { } method ? Modules.Function(method) : Modules.Function(body.ProgramName, body.Source!, body.EntryPoint);

    internal static CudaKernelBody<TArgs> BodyOf<TArgs>(KernelDefinition<TArgs> kernel) =>
        kernel.TryGetBody(out CudaKernelBody<TArgs>? body)
            ? body
            : throw new ArgumentException($"Kernel '{kernel.Name}' has no CUDA body: give it one with WithCuda.", nameof(kernel));

    private void Run<TArgs>(KernelDefinition<TArgs> kernel, CudaKernelBody<TArgs> body, TArgs args)
    {
        using KernelDispatchTiming timing = KernelDispatchTiming.Start(kernel.Name, Name);
        try
        {
            CudaFunction function = FunctionOf(body);
            using var stream = new CudaStream(Context);
            CudaLauncher.Launch(function, kernel, body, args, stream.Handle);
            stream.Synchronize();
        }
        catch (CudaException ex)
        {
            throw new KernelExecutionException(kernel.Name, default, threadId: null, barriersPassed: 0, ex);
        }
    }

    private BackendUnavailableException Unavailable() => new(BackendName, UnavailableReason ?? "no CUDA device");

    /// <summary>Why device <paramref name="ordinal"/> cannot run this backend's kernels; null when it can.</summary>
    private static string? Probe(int ordinal, out CudaDevice? device)
    {
        device = null;
        if (!CudaLibrary.TryLoadDriver(out string? driverMissing))
            return driverMissing;
        try
        {
            device = CudaDevice.Open(ordinal);
        }
        catch (CudaException ex)
        {
            return $"the CUDA driver found no usable device: {ex.Message}";
        }
        catch (ArgumentOutOfRangeException ex)
        {
            return ex.Message;
        }
        catch (EntryPointNotFoundException ex)
        {
            return $"the NVIDIA driver is too old for this backend (it needs CUDA 12 entry points): {ex.Message}";
        }

        string? reason = device switch
        {
            { ComputeCapability: var cc } when cc < ComputeCapability.Minimum => $"{device.Name} has compute capability {cc}; the ring kernels need {ComputeCapability.Minimum} or newer",
            { CanMapHostMemory: false } => $"{device.Name} cannot map pinned host memory, which rings need",
            { UnifiedAddressing: false } => $"{device.Name} has no unified addressing",
            _ => null,
        };
        if (reason is not null)
            return reason;
        if (!CudaLibrary.TryLoadNvrtc(out string? nvrtcMissing))
            return nvrtcMissing;
        return null;
    }
}
