using RingKernel.Backends;
using RingKernel.Cpu;
using RingKernel.Cuda;
using RingKernel.Metal;
using RingKernel.Tests.Cuda;
using RingKernel.Tests.Cuda.HostBuild;
using RingKernel.Vulkan;
using RingKernel.Vulkan.RingKernels;

namespace RingKernel.Tests.Conformance;

/// <summary>
/// The one seam of the backend conformance suite: a backend that runs ring kernels, created once per
/// test class. A backend joins the suite with a fixture (a subclass of this) and a test class per
/// suite that names it (see <see cref="CpuRingKernelConformanceTests"/>), and by giving every kernel in
/// <see cref="ConformanceKernels"/> a body in its language. A backend that cannot run here says why,
/// and its tests skip with that reason.
/// </summary>
public abstract class RingBackendFixture : IDisposable
{
    private readonly Lazy<IRingKernelBackend> _backend;

    protected RingBackendFixture() => _backend = new Lazy<IRingKernelBackend>(Create);

    /// <summary>Why the backend cannot run on this machine; null when it can.</summary>
    public abstract string? UnavailableReason { get; }

    /// <summary>The backend, created at first use.</summary>
    public IRingKernelBackend Backend
    {
        get
        {
            Skip.If(UnavailableReason is not null, $"{GetType().Name}: {UnavailableReason}");
            return _backend.Value;
        }
    }

    public void Dispose()
    {
        if (_backend.IsValueCreated && _backend.Value is IDisposable disposable)
            disposable.Dispose();
        GC.SuppressFinalize(this);
    }

    protected abstract IRingKernelBackend Create();
}

/// <summary>The reference backend: kernels' C# bodies on dedicated threads.</summary>
public sealed class CpuRingBackend : RingBackendFixture
{
    public override string? UnavailableReason => null;

    protected override IRingKernelBackend Create() => new CpuBackend();
}

/// <summary>Vulkan (lavapipe in CI), ring kernels event-driven: one dispatch drains what is queued.</summary>
public sealed class VulkanRingBackend : RingBackendFixture
{
    public override string? UnavailableReason => VulkanBackend.UnavailableReason;

    protected override IRingKernelBackend Create() => new VulkanBackend();
}

/// <summary>Vulkan, ring kernels bounded persistent: each dispatch polls its rings before it returns.</summary>
public sealed class VulkanPersistentRingBackend : RingBackendFixture
{
    public override string? UnavailableReason => VulkanBackend.UnavailableReason;

    protected override IRingKernelBackend Create() =>
        new VulkanBackend { RingKernelOptions = new VulkanRingKernelOptions { Mode = VulkanRingKernelMode.BoundedPersistent, PollIterations = 2_000 } };
}

/// <summary>Metal (macOS), ring kernels event-driven; elsewhere its tests skip with the backend's reason, worded as the other Metal tests' skips.</summary>
public sealed class MetalRingBackend : RingBackendFixture
{
    public override string? UnavailableReason => MetalBackend.IsAvailable ? null : $"Metal is not available here: {MetalBackend.UnavailableReason}";

    protected override IRingKernelBackend Create() => new MetalBackend();
}

/// <summary>CUDA: persistent ring kernels on an NVIDIA GPU; without a driver or a device its tests skip, worded as the other CUDA tests' skips.</summary>
public sealed class CudaRingBackend : RingBackendFixture
{
    public override string? UnavailableReason =>
        CudaFacts.Backend.IsAvailable ? null : $"CUDA is not available here: {CudaFacts.Backend.UnavailableReason}";

    protected override IRingKernelBackend Create() => new CudaBackend();
}

/// <summary>
/// The CUDA backend's device code without a GPU: each kernel's CUDA C built for the host by g++, run as
/// a process of its own over a shared file standing in for pinned, device-mapped memory (see
/// <see cref="HostBuiltCudaBackend"/>). Checks the CUDA bodies and the device ring and K2K protocol
/// here; the GPU's memory model is left to <see cref="CudaRingBackend"/>.
/// </summary>
public sealed class HostBuiltCudaRingBackend : RingBackendFixture
{
    public override string? UnavailableReason => HostBuiltRingKernelPrograms.UnavailableReason;

    protected override IRingKernelBackend Create() => new HostBuiltCudaBackend();
}
