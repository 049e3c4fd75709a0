using System.Buffers;
using MessagePack;
using MessagePack.Formatters;

namespace RingKernel.Streams;

/// <summary>
/// The host-side message types a stream may carry besides the ring's blittable ones: classes and
/// other types that are not <c>unmanaged</c>, sent as MessagePack and handed, deserialized, to a
/// handler on the host in stream order. Register every type before the first <see cref="RingIngest"/>
/// over this table starts; the table is frozen from then on.
/// </summary>
/// <remarks>
/// Payloads are read with <see cref="MessagePackSecurity.UntrustedData"/> unless other options are given,
/// and never with a typeless resolver: it instantiates whatever type a peer names.
/// </remarks>
public sealed class HostMessageTypes
{
    /// <summary>The largest host message payload admitted unless the constructor says otherwise.</summary>
    public const int DefaultMaxPayloadBytes = 1 << 20;

    private readonly Dictionary<uint, HostMessageType> _byId = [];
    private readonly Dictionary<Type, uint> _idByType = [];
    private volatile bool _frozen;

    /// <param name="options">How payloads are (de)serialized; the standard resolver with untrusted-data security when null.</param>
    /// <param name="maxPayloadBytes">The longest payload a frame may announce; longer is a malformed frame (the ingest would otherwise buffer it whole).</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> use a typeless resolver.</exception>
    public HostMessageTypes(MessagePackSerializerOptions? options = null, int maxPayloadBytes = DefaultMaxPayloadBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPayloadBytes);
        options ??= MessagePackSerializerOptions.Standard.WithSecurity(MessagePackSecurity.UntrustedData);
        if (options.Resolver.GetFormatter<object>() is TypelessFormatter)
            throw new ArgumentException("A typeless resolver instantiates any type a peer names; give host message types a resolver of known types (the standard one by default).", nameof(options));
        Options = options;
        MaxPayloadBytes = maxPayloadBytes;
    }

    public MessagePackSerializerOptions Options { get; }

    public int MaxPayloadBytes { get; }

    /// <summary>
    /// Frames with <paramref name="typeId"/> carry a <typeparamref name="T"/> in MessagePack; the ingest
    /// deserializes each and awaits <paramref name="handler"/> before it reads the next frame.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="typeId"/> is 0 (reserved, as in rings).</exception>
    /// <exception cref="ArgumentException">The id or the type is registered already.</exception>
    /// <exception cref="InvalidOperationException">An ingest uses this table already.</exception>
    public HostMessageTypes Add<T>(uint typeId, Func<T, CancellationToken, ValueTask> handler)
    {
        ArgumentOutOfRangeException.ThrowIfZero(typeId);
        ArgumentNullException.ThrowIfNull(handler);
        if (_frozen)
            throw new InvalidOperationException("Host message types are fixed once an ingest uses them; register every type first.");
        if (_byId.TryGetValue(typeId, out HostMessageType? existing))
            throw new ArgumentException($"Type id {typeId} is registered for {existing.ClrType.Name} already.", nameof(typeId));
        if (!_idByType.TryAdd(typeof(T), typeId))
            throw new ArgumentException($"{typeof(T).Name} is registered with type id {_idByType[typeof(T)]} already.", nameof(T));
        _byId.Add(typeId, new HostMessageType<T>(handler, Options));
        return this;
    }

    /// <summary>Writes <paramref name="message"/> as one frame: header, then its MessagePack.</summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> is not registered.</exception>
    /// <exception cref="ArgumentException">Its MessagePack is longer than <see cref="MaxPayloadBytes"/>.</exception>
    public void WriteFrame<T>(IBufferWriter<byte> destination, T message)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!_idByType.TryGetValue(typeof(T), out uint typeId))
            throw new InvalidOperationException($"{typeof(T).Name} is not a registered host message type.");

        // The header comes first but needs the length: serialize aside (host messages are not the hot path).
        var payload = new ArrayBufferWriter<byte>();
        MessagePackSerializer.Serialize(payload, message, Options);
        if (payload.WrittenCount > MaxPayloadBytes)
            throw new ArgumentException($"The {typeof(T).Name} serializes to {payload.WrittenCount} bytes; host messages hold at most {MaxPayloadBytes}.", nameof(message));
        Span<byte> frame = destination.GetSpan(StreamFrameHeader.Size + payload.WrittenCount);
        new StreamFrameHeader((uint)payload.WrittenCount, typeId).Write(frame);
        payload.WrittenSpan.CopyTo(frame[StreamFrameHeader.Size..]);
        destination.Advance(StreamFrameHeader.Size + payload.WrittenCount);
    }

    /// <summary>The ids registered here, for a check that they do not overlap a ring's.</summary>
    internal IEnumerable<uint> TypeIds => _byId.Keys;

    /// <summary>Fixes the table for an ingest.</summary>
    internal void Freeze() => _frozen = true;

    internal bool TryGet(uint typeId, out HostMessageType? type) => _byId.TryGetValue(typeId, out type);
}
