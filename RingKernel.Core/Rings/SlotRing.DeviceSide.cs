namespace RingKernel.Rings;

// A ring one of whose sides a device plays: the device moves that side's cursor in the shared header,
// and the host object, which keeps a private copy of its own side's position, adopts it from there.
public abstract partial class SlotRing
{
    /// <summary>
    /// Takes the consumer's position from <see cref="Layouts.RingHeader.Head"/>, after a device
    /// consumed (and committed) slots. Call it only while no host thread consumes from this ring.
    /// </summary>
    public unsafe void AdoptConsumerPosition()
    {
        _consumer.Position = Volatile.Read(ref _header->Head);
        _consumer.CachedOther = Volatile.Read(ref _header->Tail);
        _consumer.Peeked = false;
    }

    /// <summary>
    /// Takes a single producer's position from <see cref="Layouts.RingHeader.Tail"/>, after a device
    /// published slots; multi-producer rings keep no private producer position. Call it only while no
    /// host thread produces into this ring.
    /// </summary>
    public virtual void AdoptProducerPosition()
    {
    }

    /// <summary>
    /// Wakes parked host waiters of both sides after a device moved a cursor: a device cannot pulse the
    /// host's wake signals itself, so whoever drives it calls this once the device's work is visible.
    /// </summary>
    public void WakeWaitersAfterDeviceProgress()
    {
        WakeConsumerIfParked();
        WakeProducersIfParked();
    }
}
