using System.Collections.Frozen;
using RingKernel.Kernels.Persistent;
using RingKernel.Rings;

namespace RingKernel.Kernels.Actors;

/// <summary>
/// The payload types a <see cref="KernelActor{TArgs}"/> carries between actors and its kernel's rings:
/// unmanaged structs, each under a type id. A message of a registered type told to the actor becomes
/// a ring slot; a slot the kernel writes becomes the boxed struct delivered to the asker or subscribers.
/// </summary>
public sealed class KernelMessageTypes
{
    private readonly Dictionary<Type, KernelPayloadCodec> _codecs = [];

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="typeId"/> (not 0, not <see cref="KernelFaultReply.TypeId"/>).</summary>
    /// <exception cref="ArgumentException">The type or the id is already registered.</exception>
    public KernelMessageTypes Add<T>(uint typeId)
        where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfZero(typeId);
        if (typeId == KernelFaultReply.TypeId)
            throw new ArgumentException($"Type id {typeId} is reserved for {nameof(KernelFaultReply)}.", nameof(typeId));
        if (_codecs.ContainsKey(typeof(T)))
            throw new ArgumentException($"{typeof(T).Name} is already registered.", nameof(T));
        if (_codecs.Values.Any(c => c.TypeId == typeId))
            throw new ArgumentException($"Type id {typeId} is already registered.", nameof(typeId));
        _codecs.Add(typeof(T), new KernelPayloadCodec<T>(typeId));
        return this;
    }

    public int Count => _codecs.Count;

    /// <summary>A registry for a kernel's rings with every type added so far, for payloads of at most <paramref name="maxPayloadSize"/> bytes.</summary>
    internal MessageTypeRegistry CreateRegistry(int maxPayloadSize)
    {
        var registry = new MessageTypeRegistry(maxPayloadSize);
        foreach (KernelPayloadCodec codec in _codecs.Values)
            codec.Register(registry);
        return registry;
    }

    /// <summary>An immutable copy for one actor: later additions do not change a running actor.</summary>
    internal KernelCodecTable Freeze() => new(_codecs.ToFrozenDictionary(), _codecs.Values.ToFrozenDictionary(c => c.TypeId));
}
