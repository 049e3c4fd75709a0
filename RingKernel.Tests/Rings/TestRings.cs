using System.Buffers.Binary;
using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Rings;

namespace RingKernel.Tests.Rings;

/// <summary>Buffers, items and waits shared by the ring tests.</summary>
internal static class TestRings
{
    /// <summary>Hang guard for waits on other threads; never a performance bound.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Hang guard for stress threads: generous, since a loaded machine can slow them a hundredfold.</summary>
    public static readonly TimeSpan JoinPatience = TimeSpan.FromMinutes(4);

    public static TheoryData<RingKind> Kinds => new() { RingKind.SingleProducer, RingKind.MultiProducer };

    public static DeviceBuffer Allocate(RingKind kind, int capacity, int slotSize) =>
        HostMemorySpace.Instance.Allocate(SlotRing.RequiredBytes(kind, capacity, slotSize));

    public static uint ProducerWaiting(DeviceBuffer buffer) => Volatile.Read(ref buffer.AsRef<RingHeader>(0).ProducerWaiting);

    public static uint ConsumerWaiting(DeviceBuffer buffer) => Volatile.Read(ref buffer.AsRef<RingHeader>(0).ConsumerWaiting);

    /// <summary>An 8-byte item holding <paramref name="value"/>.</summary>
    public static byte[] Item(ulong value)
    {
        var item = new byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(item, value);
        return item;
    }

    public static ulong Value(ReadOnlySpan<byte> slot) => BinaryPrimitives.ReadUInt64LittleEndian(slot);

    /// <summary>Dequeues everything and returns the first 8 bytes of each slot as a number.</summary>
    public static List<ulong> DequeueAll(SlotRing ring)
    {
        var values = new List<ulong>();
        var slot = new byte[ring.SlotSize];
        while (ring.TryDequeue(slot))
            values.Add(Value(slot));
        return values;
    }

    /// <summary>Whether the operation finished synchronously (the allocation-free path).</summary>
    public static bool CompletedAtOnce(ValueTask operation) => operation.IsCompletedSuccessfully;

    public static bool CanceledAtOnce(ValueTask operation) => operation.IsCanceled;

    public static void WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        var spinner = new SpinWait();
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Gave up waiting until {what}.");
            spinner.SpinOnce();
        }
    }

    /// <summary>
    /// Waits for a producer or consumer thread. One still running after the patience would go on
    /// writing ring memory that the test is about to free, corrupting the test host's heap, so the
    /// host is stopped with the reason instead of failing the test alone.
    /// </summary>
    public static void Join(Thread thread)
    {
        if (!thread.Join(JoinPatience))
            Environment.FailFast($"Test thread '{thread.Name}' did not finish within {JoinPatience}; stopping rather than free ring memory it still uses.");
    }
}
