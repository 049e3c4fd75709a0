using System.Collections.Concurrent;
using RingKernel.Backends;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Memory;

namespace RingKernel.TestKit;

/// <summary>
/// A ring kernel backend that runs everything on another and records what it hands out: every buffer
/// its memory space allocates and every ring kernel it creates, so a test can prove that a stop ended
/// the kernels and freed their memory (<see cref="LiveBuffers"/> back to 0).
/// </summary>
public sealed class TrackingBackend(IRingKernelBackend inner) : IRingKernelBackend
{
    private readonly TrackingMemorySpace _memory = new(inner.MemorySpace);
    private readonly ConcurrentQueue<IRingKernel> _kernels = new();

    public string Name => inner.Name;

    public bool IsAvailable => inner.IsAvailable;

    public string? UnavailableReason => inner.UnavailableReason;

    public IMemorySpace MemorySpace => _memory;

    /// <summary>Buffers allocated and not yet disposed.</summary>
    public int LiveBuffers => _memory.Live;

    /// <summary>Every ring kernel created so far, oldest first.</summary>
    public IReadOnlyCollection<IRingKernel> Kernels => _kernels;

    public Task DispatchAsync<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, CancellationToken cancellationToken = default) =>
        inner.DispatchAsync(kernel, args, cancellationToken);

    public IRingKernel CreateRingKernel<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, RingKernelMemory memory) =>
        Track(inner.CreateRingKernel(kernel, args, memory));

    public IRingKernel CreateRingKernel<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, RingKernelMemory memory, RingKernelPlacement placement) =>
        Track(inner.CreateRingKernel(kernel, args, memory, placement));

    private IRingKernel Track(IRingKernel kernel)
    {
        _kernels.Enqueue(kernel);
        return kernel;
    }

    private sealed class TrackingMemorySpace(IMemorySpace inner) : IMemorySpace
    {
        private readonly ConcurrentQueue<DeviceBuffer> _buffers = new();

        public MemorySpaceKind Kind => inner.Kind;

        public int Live => _buffers.Count(b => !b.IsDisposed);

        public DeviceBuffer Allocate(long length, int alignment = DeviceBuffer.DefaultAlignment)
        {
            DeviceBuffer buffer = inner.Allocate(length, alignment);
            _buffers.Enqueue(buffer);
            return buffer;
        }
    }
}
