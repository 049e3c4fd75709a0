namespace RingKernel.Rings;

/// <summary>Thrown by the reject policy (<c>Enqueue</c>) when the ring has no free slot; the item was not enqueued.</summary>
public sealed class RingFullException : InvalidOperationException
{
    public RingFullException(int capacity)
        : base($"The ring is full (all {capacity} slots hold unconsumed messages); the message was rejected and not enqueued.")
    {
        Capacity = capacity;
    }

    public int Capacity { get; }
}
