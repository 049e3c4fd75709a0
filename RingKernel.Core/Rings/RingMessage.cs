using System.Runtime.CompilerServices;
using RingKernel.Layouts;

namespace RingKernel.Rings;

/// <summary>A validated message still in its ring slot: header and inline payload, read in place.</summary>
public readonly unsafe ref struct RingMessage
{
    private readonly byte* _slot;
    private readonly MessageTypeRegistry _types;

    /// <summary>
    /// The message in <paramref name="slot"/>, a slot a consumer peeked (<see cref="MessageRing.PeekUncommitted"/>)
    /// and found valid, with payload types resolved through <paramref name="types"/>.
    /// </summary>
    public RingMessage(byte* slot, MessageTypeRegistry types)
    {
        _slot = slot;
        _types = types;
    }

    public ref readonly MessageHeader Header => ref *(MessageHeader*)_slot;

    public uint TypeId => Header.TypeId;

    public ReadOnlySpan<byte> Payload => new(_slot + MessageHeader.Size, (int)Header.PayloadSize);

    /// <summary>True when the message carries a <typeparamref name="T"/> (its type id is the one <typeparamref name="T"/> is registered under).</summary>
    public bool Is<T>()
        where T : unmanaged =>
        _types.TryGetTypeId<T>(out uint typeId) && typeId == Header.TypeId;

    /// <summary>The payload as a <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidOperationException">The message carries another type.</exception>
    public T Get<T>()
        where T : unmanaged
    {
        if (!Is<T>())
            throw new InvalidOperationException($"The message has type id {_types.Describe(Header.TypeId)}, not {typeof(T).Name}.");
        return Unsafe.ReadUnaligned<T>(_slot + MessageHeader.Size);
    }
}
