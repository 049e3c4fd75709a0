using RingKernel.Backends;
using RingKernel.Cpu;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Memory;
using RingKernel.TestKit;

namespace RingKernel.Tests.Hosting;

/// <summary>
/// The CPU backend under a name of the test's choosing (so several can be declared), tracked
/// (<see cref="Tracking"/>: live buffers, kernels created), recording its disposal.
/// </summary>
public sealed class HostedTestBackend(string name = "hosted-cpu") : IRingKernelBackend, IDisposable
{
    private int _disposed;

    public TrackingBackend Tracking { get; } = new(new CpuBackend(workerCount: 1));

    public string Name => name;

    public bool IsAvailable => true;

    public string? UnavailableReason => null;

    public IMemorySpace MemorySpace => Tracking.MemorySpace;

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public Task DispatchAsync<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, CancellationToken cancellationToken = default) =>
        Tracking.DispatchAsync(kernel, args, cancellationToken);

    public IRingKernel CreateRingKernel<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, RingKernelMemory memory) =>
        Tracking.CreateRingKernel(kernel, args, memory);

    public void Dispose() => Volatile.Write(ref _disposed, 1);
}
