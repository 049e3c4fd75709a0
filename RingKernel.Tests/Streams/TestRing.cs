using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Rings;

namespace RingKernel.Tests.Streams;

/// <summary>A message ring in pinned host memory (multi-producer, as a kernel's input), freed on dispose.</summary>
public sealed class TestRing : IDisposable
{
    private readonly DeviceBuffer _buffer;

    public TestRing(int capacity, RingKind kind = RingKind.MultiProducer)
    {
        _buffer = HostMemorySpace.Instance.Allocate(SlotRing.RequiredBytes(kind, capacity, StreamMessages.SlotSize));
        Ring = new MessageRing(SlotRing.Create(kind, _buffer, capacity, StreamMessages.SlotSize), StreamMessages.Types());
    }

    public MessageRing Ring { get; }

    /// <summary>Every message in the ring, in order, as (type id, payload bytes); the ring is empty afterwards.</summary>
    public List<(uint TypeId, byte[] Payload)> DrainAll()
    {
        var collector = new Collector([]);
        while (Ring.Drain(ref collector) > 0)
        {
        }

        return collector.Messages;
    }

    /// <summary>The bytes of slot <paramref name="index"/>, for a test that corrupts a message in place.</summary>
    public Span<byte> Slot(int index)
    {
        int capacity = Ring.Ring.Capacity;
        long slots = RingHeader.Size + (Ring.Ring.Kind == RingKind.MultiProducer ? capacity * 8L : 0);
        return _buffer.AsSpan(slots + ((long)index * StreamMessages.SlotSize), StreamMessages.SlotSize);
    }

    public void Dispose() => _buffer.Dispose();

    private readonly struct Collector(List<(uint, byte[])> messages) : IMessageHandler
    {
        public List<(uint TypeId, byte[] Payload)> Messages { get; } = messages;

        public void Handle(RingMessage message) => Messages.Add((message.TypeId, message.Payload.ToArray()));
    }
}
