using RingKernel.Layouts;
using RingKernel.Rings;

namespace RingKernel.Kernels.Actors;

/// <summary>Moves one registered payload type between a boxed actor message and a ring slot, without reflection.</summary>
internal abstract class KernelPayloadCodec
{
    public abstract Type PayloadType { get; }

    public abstract uint TypeId { get; }

    /// <summary>Copies <paramref name="message"/> (a boxed payload of <see cref="PayloadType"/>) into the ring; false when it is full.</summary>
    public abstract bool TryEnqueue(MessageRing ring, object message, in MessageHeader header);

    /// <summary>The payload of <paramref name="message"/>, boxed for delivery to an actor.</summary>
    public abstract object Read(RingMessage message);

    public abstract void Register(MessageTypeRegistry registry);
}

/// <summary>The codec of <typeparamref name="T"/>.</summary>
internal sealed class KernelPayloadCodec<T>(uint typeId) : KernelPayloadCodec
    where T : unmanaged
{
    public override Type PayloadType => typeof(T);

    public override uint TypeId => typeId;

    public override bool TryEnqueue(MessageRing ring, object message, in MessageHeader header) => ring.TryEnqueue((T)message, in header);

    public override object Read(RingMessage message) => message.Get<T>();

    public override void Register(MessageTypeRegistry registry) => registry.Register<T>(typeId);
}
