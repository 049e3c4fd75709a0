using RingKernel.Cuda.RingKernels;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Rings;
using RingKernel.Tests.Cpu.RingKernels;

namespace RingKernel.Tests.Cuda;

/// <summary>
/// A device moves ring cursors and acknowledges commands by plain stores, which wake no host waiter;
/// the doorbell notices each store and wakes the waiters parked on it. Here a test thread plays the
/// device, writing the shared memory exactly as ringkernel_loop.cuh does.
/// </summary>
public class DeviceDoorbellTests
{
    private static readonly LaunchOptions Options = new(1, 1) { InputRingCapacity = 4, OutputRingCapacity = 4 };

    [Fact]
    public async Task A_reply_the_device_publishes_wakes_the_parked_reader_with_its_data()
    {
        using RingKernelMemory memory = RingKernelMemory.Allocate(HostMemorySpace.Instance, Options, RingTestKernels.Types());
        var doorbell = new DeviceDoorbell(memory, new RingKernelCommands(memory));
        Assert.False(doorbell.Poll());
        Task reader = memory.Output.WaitToReadAsync().AsTask();

        DevicePublishReply(memory, new Number(41), correlationId: 9);
        Assert.True(doorbell.Poll());
        await reader.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(memory.Output.TryDequeue(out Number reply, out MessageHeader header));
        Assert.Equal((41L, 9UL), (reply.Value, header.CorrelationId));
        Assert.False(doorbell.Poll());
    }

    [Fact]
    public async Task Slots_the_device_commits_wake_a_producer_waiting_on_a_full_input_ring()
    {
        using RingKernelMemory memory = RingKernelMemory.Allocate(HostMemorySpace.Instance, Options, RingTestKernels.Types());
        var doorbell = new DeviceDoorbell(memory, new RingKernelCommands(memory));
        for (int i = 1; i <= 4; i++)
            Assert.True(memory.Input.TryEnqueue(new Number(i), new MessageHeader { CorrelationId = (ulong)i }));
        Task producer = memory.Input.EnqueueAsync(new Number(5), new MessageHeader { CorrelationId = 5 }).AsTask();

        DeviceCommitInput(memory, first: 0, count: 2);
        Assert.True(doorbell.Poll());
        await producer.WaitAsync(TimeSpan.FromSeconds(10));

        // The device took 1 and 2; a consumer attaching now finds 3, 4 and 5, in order.
        var attached = new MessageRing(MpscRing.Attach(memory.Input.Ring.Buffer), RingTestKernels.Types());
        var left = new List<long>();
        while (attached.TryDequeue(out Number number, out MessageHeader _))
            left.Add(number.Value);
        Assert.Equal([3L, 4L, 5L], left);
    }

    [Fact]
    public async Task An_acknowledgement_the_device_writes_completes_the_hosts_command()
    {
        using RingKernelMemory memory = RingKernelMemory.Allocate(HostMemorySpace.Instance, Options, RingTestKernels.Types());
        var commands = new RingKernelCommands(memory);
        var doorbell = new DeviceDoorbell(memory, commands);
        var never = new TaskCompletionSource();
        uint epoch = commands.Post(KernelCommand.Active);
        Task acknowledged = commands.WaitForAcknowledgementAsync(epoch, never.Task, CancellationToken.None);

        Volatile.Write(ref memory.ControlBlock.AcknowledgedEpoch, epoch);
        Assert.True(doorbell.Poll());
        await acknowledged.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(epoch, commands.AcknowledgedEpoch);
    }

    /// <summary>rk_send: the slot (header with checksum, payload), then a release store of Tail.</summary>
    private static unsafe void DevicePublishReply(RingKernelMemory memory, Number value, ulong correlationId)
    {
        // The bytes a host producer would write are the bytes the device writes: make them with a scratch ring.
        using DeviceBuffer scratchBuffer = HostMemorySpace.Instance.Allocate(memory.Output.Ring.Buffer.Length);
        var scratch = new MessageRing(SpscRing.Create(scratchBuffer, 4, Options.MessageSlotBytes), RingTestKernels.Types());
        Assert.True(scratch.TryEnqueue(value, new MessageHeader { CorrelationId = correlationId, Flags = MessageFlags.Reply }));
        Assert.True(scratch.Ring.TryPeek(out ReadOnlySpan<byte> slot));

        var header = (RingHeader*)memory.Output.Ring.Buffer.HostPointer;
        ulong tail = Volatile.Read(ref header->Tail);
        byte* slots = (byte*)header + RingHeader.Size;
        slot.CopyTo(new Span<byte>(slots + ((long)(tail & 3) * Options.MessageSlotBytes), Options.MessageSlotBytes));
        Volatile.Write(ref header->Tail, tail + 1);
    }

    /// <summary>rk_mpsc_release: each slot's sequence to position + capacity, then Head.</summary>
    private static unsafe void DeviceCommitInput(RingKernelMemory memory, ulong first, int count)
    {
        var header = (RingHeader*)memory.Input.Ring.Buffer.HostPointer;
        var sequences = (ulong*)((byte*)header + RingHeader.Size);
        for (int i = 0; i < count; i++)
        {
            ulong position = first + (ulong)i;
            Volatile.Write(ref sequences[position & 3], position + 4);
        }

        Volatile.Write(ref header->Head, first + (ulong)count);
    }
}
