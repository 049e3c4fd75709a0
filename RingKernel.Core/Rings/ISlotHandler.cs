namespace RingKernel.Rings;

/// <summary>Processes slots handed out by <see cref="SlotRing.Drain{THandler}"/>; a struct implementation is called without indirection.</summary>
public interface ISlotHandler
{
    /// <summary>Processes one slot. The span is valid only during the call; the slot is released after the call returns.</summary>
    void Handle(ReadOnlySpan<byte> slot);
}
