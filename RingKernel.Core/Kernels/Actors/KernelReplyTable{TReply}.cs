using System.Collections.Concurrent;
using RingKernel.Rings;
using RingKernel.Telemetry;

namespace RingKernel.Kernels.Actors;

/// <summary>
/// Reusable reply slots for the Asks of one <see cref="KernelRef{TRequest, TReply}"/>: an Ask rents a
/// slot, whose index and generation become its correlation id, and the slot returns to the free list
/// when the caller has read its outcome. In steady state nothing is allocated.
/// </summary>
internal sealed class KernelReplyTable<TReply> : KernelReplyTable
    where TReply : unmanaged
{
    private readonly ConcurrentQueue<int> _free = new();
    private readonly Lock _grow = new();
    private readonly int _tableIndex;
    private readonly string _kernelName;
    private readonly bool _continueOnPump;
    private KernelReplySlot<TReply>[] _slots = new KernelReplySlot<TReply>[16];
    private int _count;

    public KernelReplyTable(int tableIndex, string kernelName, bool continueOnPump)
    {
        _tableIndex = tableIndex;
        _kernelName = kernelName;
        _continueOnPump = continueOnPump;
        Telemetry = new AskTelemetry(kernelName, RingKernelTags.PathDirect);
    }

    /// <summary>Times the Asks of this table's reference and gives them activities.</summary>
    public AskTelemetry Telemetry { get; }

    public KernelReplySlot<TReply> Rent(long deadline, TimeSpan timeout, out ulong correlationId)
    {
        KernelReplySlot<TReply> slot = _free.TryDequeue(out int index) ? Volatile.Read(ref _slots)[index] : Add();
        uint generation = slot.Arm(deadline, timeout, Telemetry.Start());
        correlationId = KernelCorrelationIds.Direct(_tableIndex, generation, slot.Index);
        return slot;
    }

    /// <summary>Called by a slot once its caller has read the outcome.</summary>
    public void Return(KernelReplySlot<TReply> slot) => _free.Enqueue(slot.Index);

    public override bool TryComplete(ulong correlationId, RingMessage message)
    {
        if (!TryFind(correlationId, out KernelReplySlot<TReply>? slot))
            return false;
        if (message.Is<TReply>())
            return slot.TryComplete(KernelCorrelationIds.Generation(correlationId), message.Get<TReply>());
        return slot.TryFail(
            KernelCorrelationIds.Generation(correlationId),
            new KernelRequestFailedException(_kernelName, $"the kernel replied with type id {message.TypeId}, not the {typeof(TReply).Name} the Ask expects.", 0));
    }

    public override bool TryFail(ulong correlationId, Exception error) =>
        TryFind(correlationId, out KernelReplySlot<TReply>? slot) && slot.TryFail(KernelCorrelationIds.Generation(correlationId), error);

    public override void FailAll(Exception error)
    {
        KernelReplySlot<TReply>[] slots = Volatile.Read(ref _slots);
        int count = Math.Min(Volatile.Read(ref _count), slots.Length);
        for (int i = 0; i < count; i++)
            slots[i].TryFailAny(error);
    }

    public override void ExpireOverdue(long now)
    {
        KernelReplySlot<TReply>[] slots = Volatile.Read(ref _slots);
        int count = Math.Min(Volatile.Read(ref _count), slots.Length);
        for (int i = 0; i < count; i++)
            slots[i].ExpireIfOverdue(now, _kernelName);
    }

    private bool TryFind(ulong correlationId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out KernelReplySlot<TReply>? slot)
    {
        int index = KernelCorrelationIds.Slot(correlationId);
        KernelReplySlot<TReply>[] slots = Volatile.Read(ref _slots);
        slot = index < slots.Length ? slots[index] : null;
        return slot is not null;
    }

    private KernelReplySlot<TReply> Add()
    {
        lock (_grow)
        {
            KernelReplySlot<TReply>[] slots = _slots;
            if (_count == slots.Length)
            {
                Array.Resize(ref slots, slots.Length * 2);
                Volatile.Write(ref _slots, slots);
            }

            var slot = new KernelReplySlot<TReply>(this, _count, _continueOnPump);
            slots[_count] = slot;
            Volatile.Write(ref _count, _count + 1);
            return slot;
        }
    }
}
