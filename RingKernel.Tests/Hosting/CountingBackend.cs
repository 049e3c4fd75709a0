using System.Collections.Concurrent;
using RingKernel.Backends;
using RingKernel.Cpu;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Memory;

namespace RingKernel.Tests.Hosting;

/// <summary>
/// The CPU backend, with its memory counted (<see cref="Memory"/>), the ring kernels it creates kept for
/// tests to examine, and its disposal recorded.
/// </summary>
public sealed class CountingBackend(string name = "counting-cpu") : IRingKernelBackend, IDisposable
{
    private readonly CpuBackend _cpu = new(workerCount: 1);
    private readonly ConcurrentQueue<IRingKernel> _kernels = new();
    private int _disposed;

    public string Name => name;

    public bool IsAvailable => true;

    public string? UnavailableReason => null;

    public CountingMemorySpace Memory { get; } = new(HostMemorySpace.Instance);

    public IMemorySpace MemorySpace => Memory;

    /// <summary>Every ring kernel created so far, relaunches included.</summary>
    public IReadOnlyCollection<IRingKernel> Kernels => _kernels;

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public Task DispatchAsync<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, CancellationToken cancellationToken = default) =>
        _cpu.DispatchAsync(kernel, args, cancellationToken);

    public IRingKernel CreateRingKernel<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, RingKernelMemory memory)
    {
        IRingKernel created = _cpu.CreateRingKernel(kernel, args, memory);
        _kernels.Enqueue(created);
        return created;
    }

    public void Dispose() => Volatile.Write(ref _disposed, 1);
}
