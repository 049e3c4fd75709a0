using RingKernel.Layouts;

namespace RingKernel.Rings;

/// <summary>
/// Maps message types to the type ids carried in <see cref="MessageHeader.TypeId"/>, and ids back to
/// payload sizes for validation on dequeue. A registry admits only payloads of at most
/// <see cref="MaxPayloadSize"/> bytes, so a type that would not fit a ring's slots is refused when it
/// is registered, not when a message is sent. Thread-safe; lookups take no lock.
/// </summary>
public sealed class MessageTypeRegistry
{
    /// <summary>The payload size <see cref="TryGetPayloadSize"/> reports for an id registered with <see cref="RegisterBytes"/>.</summary>
    public const int VariableSize = -1;

    private static int s_nextTypeKey;

    private readonly Lock _gate = new();

    // Copy-on-write tables: replaced whole under the lock, read without it.
    private Entry[] _byTypeKey = [];
    private Dictionary<uint, Entry> _byId = [];

    /// <param name="maxPayloadSize">Largest payload admitted: a ring's slot size minus the 64-byte header.</param>
    public MessageTypeRegistry(int maxPayloadSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPayloadSize);
        MaxPayloadSize = maxPayloadSize;
    }

    public int MaxPayloadSize { get; }

    /// <summary>
    /// Registers <typeparamref name="T"/> as the payload of messages with <paramref name="typeId"/>.
    /// Registering the same pair again does nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="typeId"/> is 0 (reserved: it marks an empty or zeroed slot).</exception>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is larger than <see cref="MaxPayloadSize"/>, or the id or the type is already registered otherwise.</exception>
    public unsafe MessageTypeRegistry Register<T>(uint typeId)
        where T : unmanaged
    {
        if (sizeof(T) > MaxPayloadSize)
        {
            throw new ArgumentException(
                $"{typeof(T).Name} is {sizeof(T)} bytes, but payloads here hold at most {MaxPayloadSize} (the slot minus the {MessageHeader.Size}-byte header).",
                nameof(T));
        }

        Add(typeId, sizeof(T), typeof(T), TypeKey<T>.Value);
        return this;
    }

    /// <summary>Registers <paramref name="typeId"/> for raw payloads of any length up to the ring's maximum.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="typeId"/> is 0.</exception>
    /// <exception cref="ArgumentException">The id is already registered otherwise.</exception>
    public MessageTypeRegistry RegisterBytes(uint typeId)
    {
        Add(typeId, VariableSize, clrType: null, typeKey: -1);
        return this;
    }

    /// <summary>The id <typeparamref name="T"/> is registered under.</summary>
    public bool TryGetTypeId<T>(out uint typeId)
        where T : unmanaged
    {
        Entry[] byKey = Volatile.Read(ref _byTypeKey);
        int key = TypeKey<T>.Value;
        typeId = (uint)key < (uint)byKey.Length ? byKey[key].TypeId : 0;
        return typeId != 0;
    }

    /// <summary>
    /// The payload size registered for <paramref name="typeId"/>: a type's size, or
    /// <see cref="VariableSize"/> for <see cref="RegisterBytes"/>; false when the id is unknown.
    /// </summary>
    public bool TryGetPayloadSize(uint typeId, out int payloadSize)
    {
        bool known = Volatile.Read(ref _byId).TryGetValue(typeId, out Entry entry);
        payloadSize = entry.PayloadSize;
        return known;
    }

    /// <summary>The id of <typeparamref name="T"/>, for the enqueue and dequeue paths.</summary>
    internal uint GetTypeId<T>()
        where T : unmanaged =>
        TryGetTypeId<T>(out uint typeId)
            ? typeId
            : throw new InvalidOperationException($"{typeof(T).Name} is not a registered message type; register it with Register<{typeof(T).Name}>(typeId).");

    /// <summary>A readable name for error messages.</summary>
    internal string Describe(uint typeId) =>
        Volatile.Read(ref _byId).TryGetValue(typeId, out Entry entry)
            ? $"{typeId} ({entry.ClrType?.Name ?? "bytes"})"
            : $"{typeId} (unregistered)";

    private void Add(uint typeId, int payloadSize, Type? clrType, int typeKey)
    {
        ArgumentOutOfRangeException.ThrowIfZero(typeId);
        var entry = new Entry(typeId, payloadSize, clrType);
        lock (_gate)
        {
            if (_byId.TryGetValue(entry.TypeId, out Entry existing))
            {
                if (existing == entry)
                    return;
                throw new ArgumentException($"Type id {entry.TypeId} is already registered for {existing.ClrType?.Name ?? "raw bytes"}.", nameof(typeId));
            }

            if (typeKey >= 0 && typeKey < _byTypeKey.Length && _byTypeKey[typeKey].TypeId != 0)
                throw new ArgumentException($"{entry.ClrType?.Name} is already registered with type id {_byTypeKey[typeKey].TypeId}.", nameof(typeId));

            var byId = new Dictionary<uint, Entry>(_byId) { [entry.TypeId] = entry };
            if (typeKey >= 0)
            {
                Entry[] byKey = _byTypeKey;
                if (typeKey >= byKey.Length)
                    Array.Resize(ref byKey, Math.Max(typeKey + 1, byKey.Length * 2));
                else
                    byKey = (Entry[])byKey.Clone();
                byKey[typeKey] = entry;
                Volatile.Write(ref _byTypeKey, byKey);
            }

            Volatile.Write(ref _byId, byId);
        }
    }

    private readonly record struct Entry(uint TypeId, int PayloadSize, Type? ClrType);

    /// <summary>A small process-wide index per payload type, so a lookup is one array read.</summary>
    private static class TypeKey<T>
    {
        public static readonly int Value = Interlocked.Increment(ref s_nextTypeKey) - 1;
    }
}
