using RingKernel.Backends;
using RingKernel.Commands;
using RingKernel.Cpu;
using RingKernel.Cpu.Commands;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;
using RingKernel.Memory;
using RingKernel.Metal;
using RingKernel.TestKernels.Vulkan;
using RingKernel.Tests.Cuda;
using RingKernel.Vulkan;

namespace RingKernel.Tests.Conformance;

/// <summary>
/// The seam of the command-queue conformance suite: a backend whose command queues the suite drives,
/// created once per test class. It creates queues, allocates buffers its queues copy between (host
/// readable, and device-only where the backend has such memory), and names a command that throws
/// while its queue runs it. A backend that cannot run here says why, and its tests skip with that
/// reason; one whose kernels lack a body in <see cref="QueueConformanceKernels"/> says so, and only
/// the tests that run a kernel skip.
/// </summary>
public abstract class CommandQueueBackendFixture : IDisposable
{
    /// <summary>Why the backend cannot run on this machine; null when it can.</summary>
    public abstract string? UnavailableReason { get; }

    /// <summary>Why the suite's kernels cannot run on this backend; null when they can.</summary>
    public virtual string? KernelsUnavailableReason => null;

    /// <summary>Why the backend has no <see cref="AppendFailingExec"/> command; null when it has one.</summary>
    public virtual string? FailingExecUnavailableReason => null;

    /// <summary>The command that <see cref="AppendFailingExec"/> records, as a queue fault names it.</summary>
    public abstract string FailingCommand { get; }

    public void SkipUnlessAvailable() =>
        Skip.If(UnavailableReason is not null, $"{GetType().Name}: {UnavailableReason}");

    public void SkipUnlessKernelsRun()
    {
        SkipUnlessAvailable();
        Skip.If(KernelsUnavailableReason is not null, $"{GetType().Name}: {KernelsUnavailableReason}");
    }

    public void SkipUnlessAKernelCanFail()
    {
        SkipUnlessKernelsRun();
        Skip.If(FailingExecUnavailableReason is not null, $"{GetType().Name}: {FailingExecUnavailableReason}");
    }

    /// <summary>A queue of <paramref name="kind"/> on the backend.</summary>
    public ICommandQueue CreateQueue(QueueKind kind, string name)
    {
        SkipUnlessAvailable();
        return CreateQueueCore(kind, name);
    }

    /// <summary>A buffer the backend's queues copy to and from and the host reads and writes.</summary>
    public DeviceBuffer Allocate(long bytes)
    {
        SkipUnlessAvailable();
        return AllocateCore(bytes);
    }

    /// <summary>A buffer in the backend's device memory, reached only through its queues; host memory where the backend has no other.</summary>
    public DeviceBuffer AllocateDeviceOnly(long bytes)
    {
        SkipUnlessAvailable();
        return AllocateDeviceOnlyCore(bytes);
    }

    /// <summary>Records on <paramref name="commands"/> a kernel dispatch that fails while the queue runs it (with <paramref name="data"/> left as it was).</summary>
    public abstract CommandList AppendFailingExec(CommandList commands, DeviceBuffer data, int elements);

    /// <summary>Checks the cause a queue fault carries for <see cref="AppendFailingExec"/>'s command.</summary>
    public abstract void AssertFailingExecCause(Exception? cause);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected abstract ICommandQueue CreateQueueCore(QueueKind kind, string name);

    protected abstract DeviceBuffer AllocateCore(long bytes);

    protected abstract DeviceBuffer AllocateDeviceOnlyCore(long bytes);

    protected virtual void Dispose(bool disposing)
    {
    }
}

/// <summary>CPU command queues (<see cref="CpuCommandQueue"/>) over host memory, two workers.</summary>
public sealed class CpuQueueBackend : CommandQueueBackendFixture
{
    private const int FailingWorkgroup = 2;

    private static readonly KernelDefinition<int> Boom = new KernelDefinition<int>("boom", new LaunchOptions(4, 8))
        .WithCpuWorkgroup(static (workgroup, _) =>
        {
            if (workgroup.WorkgroupIndex == FailingWorkgroup)
                throw new InvalidDataException("bad tile");
        });

    private readonly CpuBackend _backend = new(workerCount: 2);

    public override string? UnavailableReason => null;

    public override string FailingCommand => "Exec kernel 'boom'";

    /// <summary>A kernel whose workgroup 2 throws: the CPU queue reports the kernel and the workgroup.</summary>
    public override CommandList AppendFailingExec(CommandList commands, DeviceBuffer data, int elements) => commands.Exec(Boom, 0);

    public override void AssertFailingExecCause(Exception? cause)
    {
        var kernelError = Assert.IsType<KernelExecutionException>(cause);
        Assert.Equal(("boom", new Index3(FailingWorkgroup, 0, 0)), (kernelError.KernelName, kernelError.WorkgroupId));
    }

    protected override ICommandQueue CreateQueueCore(QueueKind kind, string name) => new CpuCommandQueue(_backend, kind, name);

    protected override DeviceBuffer AllocateCore(long bytes) => HostMemorySpace.Instance.Allocate(bytes);

    protected override DeviceBuffer AllocateDeviceOnlyCore(long bytes) => HostMemorySpace.Instance.Allocate(bytes);
}

/// <summary>
/// A backend that runs the suite's saxpy from its shader (Vulkan's SPIR-V, or its MSL on Metal), opened at
/// first use: its failing command is a saxpy whose x buffer is too small, which the binder refuses while
/// the queue records or encodes the dispatch.
/// </summary>
public abstract class ShaderQueueBackend<TBackend> : CommandQueueBackendFixture
    where TBackend : IComputeBackend, IDisposable
{
    private readonly Lazy<TBackend> _backend;
    private readonly List<DeviceBuffer> _tooSmall = [];

    protected ShaderQueueBackend(Func<TBackend> open) => _backend = new Lazy<TBackend>(open);

    public override string FailingCommand => "Exec kernel 'saxpy'";

    protected TBackend Backend => _backend.Value;

    public override CommandList AppendFailingExec(CommandList commands, DeviceBuffer data, int elements)
    {
        DeviceBuffer tooSmall = _backend.Value.MemorySpace.Allocate(16);
        _tooSmall.Add(tooSmall);
        return commands.Exec(QueueConformanceKernels.Saxpy(elements), new SaxpyArgs(tooSmall, data, elements, 1f));
    }

    public override void AssertFailingExecCause(Exception? cause) => Assert.IsType<ArgumentException>(cause);

    protected override DeviceBuffer AllocateCore(long bytes) => _backend.Value.MemorySpace.Allocate(bytes);

    protected override void Dispose(bool disposing)
    {
        if (disposing && _backend.IsValueCreated)
        {
            foreach (DeviceBuffer buffer in _tooSmall)
                buffer.Dispose();
            _backend.Value.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>Vulkan command queues on timeline semaphores (lavapipe in CI); device-only buffers are DEVICE_LOCAL.</summary>
public sealed class VulkanQueueBackend() : ShaderQueueBackend<VulkanBackend>(static () => new VulkanBackend())
{
    public override string? UnavailableReason =>
        VulkanBackend.IsAvailable ? null : $"Vulkan is not available here: {VulkanBackend.UnavailableReason}";

    protected override ICommandQueue CreateQueueCore(QueueKind kind, string name) => Backend.CreateCommandQueue(kind, name);

    protected override DeviceBuffer AllocateDeviceOnlyCore(long bytes) => Backend.AllocateDeviceLocal(bytes);
}

/// <summary>Metal command queues on shared events (macOS); device-only buffers are private (MTLStorageModePrivate).</summary>
public sealed class MetalQueueBackend() : ShaderQueueBackend<MetalBackend>(static () => new MetalBackend())
{
    public override string? UnavailableReason =>
        MetalBackend.IsAvailable ? null : $"Metal is not available here: {MetalBackend.UnavailableReason}";

    protected override ICommandQueue CreateQueueCore(QueueKind kind, string name) => Backend.CreateCommandQueue(kind, name);

    protected override DeviceBuffer AllocateDeviceOnlyCore(long bytes) => Backend.AllocatePrivate(bytes);
}

/// <summary>
/// CUDA command queues, a stream each, on the context the CUDA tests share; device-only buffers are in
/// device memory. Without a driver or a device its tests skip, worded as the other CUDA tests' skips.
/// </summary>
public sealed class CudaQueueBackend : CommandQueueBackendFixture
{
    public override string? UnavailableReason =>
        CudaFacts.Backend.IsAvailable ? null : $"CUDA is not available here: {CudaFacts.Backend.UnavailableReason}";

    // A device-side trap would fail the command but poison the context the CUDA tests share (sticky errors).
    public override string? FailingExecUnavailableReason =>
        "no CUDA command is defined that fails while its queue runs it and leaves the shared context usable";

    public override string FailingCommand => throw new NotSupportedException(FailingExecUnavailableReason);

    public override CommandList AppendFailingExec(CommandList commands, DeviceBuffer data, int elements) =>
        throw new NotSupportedException(FailingExecUnavailableReason);

    public override void AssertFailingExecCause(Exception? cause) => throw new NotSupportedException(FailingExecUnavailableReason);

    protected override ICommandQueue CreateQueueCore(QueueKind kind, string name) => CudaFacts.Backend.CreateCommandQueue(kind, name);

    protected override DeviceBuffer AllocateCore(long bytes) => CudaFacts.Backend.MemorySpace.Allocate(bytes);

    protected override DeviceBuffer AllocateDeviceOnlyCore(long bytes) => CudaFacts.Backend.DeviceMemory.Allocate(bytes);
}
