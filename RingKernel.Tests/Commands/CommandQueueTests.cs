using RingKernel.Commands;
using RingKernel.Cpu;
using RingKernel.Cpu.Commands;
using RingKernel.Memory;

namespace RingKernel.Tests.Commands;

/// <summary>
/// What only CPU command queues do: an overlapping copy within one buffer (a device queue refuses it).
/// The behaviours every backend's queues share are in Conformance/CommandQueueConformanceTests.
/// </summary>
public sealed class CommandQueueTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly CpuBackend _backend = new(workerCount: 2);
    private readonly List<IDisposable> _owned = [];

    [Fact]
    public void An_overlapping_copy_within_one_buffer_behaves_like_memmove()
    {
        DeviceBuffer buffer = Own(HostMemorySpace.Instance.Allocate(256));
        Span<byte> bytes = buffer.AsSpan();
        for (int i = 0; i < bytes.Length; i++)
            bytes[i] = (byte)i;
        byte[] expected = bytes.ToArray();
        expected.AsSpan(0, 200).CopyTo(expected.AsSpan(40));
        CpuCommandQueue queue = Own(new CpuCommandQueue(_backend, QueueKind.Copy, "memmove"));

        Assert.True(queue.CopyAsync(buffer, 0, buffer, 40, 200).Wait(Patience));

        Assert.Equal(expected, buffer.AsSpan().ToArray());
    }

    public void Dispose()
    {
        // Queues first: their workers may still touch the buffers.
        foreach (IDisposable owned in Enumerable.Reverse(_owned))
            owned.Dispose();
    }

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
