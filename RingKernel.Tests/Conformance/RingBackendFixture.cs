using RingKernel.Backends;
using RingKernel.Cpu;
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
