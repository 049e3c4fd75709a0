using MessagePack;
using RingKernel.Rings;

namespace RingKernel.Tests.Streams;

/// <summary>An 8-byte blittable message.</summary>
public readonly record struct Tick(long Value);

/// <summary>A 24-byte blittable message.</summary>
public readonly record struct Pair(long Key, double Left, double Right);

/// <summary>A host-side message that is not blittable: it travels as MessagePack.</summary>
[MessagePackObject]
public sealed class Note
{
    [Key(0)]
    public string Text { get; set; } = "";

    [Key(1)]
    public int[] Values { get; set; } = [];
}

/// <summary>The type ids the stream tests use.</summary>
public static class StreamMessages
{
    public const uint TickId = 1;
    public const uint PairId = 2;

    /// <summary>Raw payloads of any length up to the slot.</summary>
    public const uint BytesId = 3;

    public const uint NoteId = 10;

    /// <summary>Slots of 128 bytes: payloads up to 64.</summary>
    public const int SlotSize = 128;

    public static MessageTypeRegistry Types() =>
        new MessageTypeRegistry(SlotSize - 64).Register<Tick>(TickId).Register<Pair>(PairId).RegisterBytes(BytesId);
}
