using System.Collections.Concurrent;
using RingKernel.Commands;
using RingKernel.Metal.Memory;

namespace RingKernel.Metal.Commands;

/// <summary>
/// Encodes a <see cref="MetalCommandQueue"/>'s commands into command buffers and commits them, each
/// ending with a signal of the queue's shared event to the next value, and hands each committed batch
/// to the completion thread. Every command is a pass of its own, so each starts after the one before it
/// has completed. Used by the queue's worker thread only, inside an autorelease pool.
/// </summary>
internal sealed class MetalBatchEncoder(MetalBackend backend, MetalResidency residency, nint queue, MetalSharedEvent timeline,
    DeviceSignalRegistry<MetalSharedEvent> signals, BlockingCollection<MetalBatch> inFlight, CancellationToken disposing)
{
    private ulong _eventValue;
    private long _deviceWaits;
    private long _hostWaits;

    /// <summary>Wait commands turned into device-side waits on another queue's shared event.</summary>
    public long DeviceWaits => Interlocked.Read(ref _deviceWaits);

    /// <summary>Wait commands waited out on the host.</summary>
    public long HostWaits => Interlocked.Read(ref _hostWaits);

    public MetalBatch NewBatch() => MetalBatch.Begin(queue);

    /// <summary>Encodes one command; returns the batch to encode the next into (a new one after a Signal, or a Wait held on the host).</summary>
    public MetalBatch Encode(QueueCommand command, MetalBatch batch)
    {
        disposing.ThrowIfCancellationRequested();
        nint commandBuffer = batch.CommandBuffer!.Id;
        switch (command)
        {
            case WaitCommand wait:
                if (wait.Signal.IsReached(wait.Value))
                    return batch;
                if (signals.TryFind(wait.Signal, wait.Value, out MetalSharedEvent? other, out ulong eventValue))
                {
                    // The passes encoded so far run first; the device holds the rest until the other queue's batch has run.
                    other.EncodeWait(commandBuffer, eventValue);
                    Interlocked.Increment(ref _deviceWaits);
                    return batch;
                }

                Commit(batch);
                Interlocked.Increment(ref _hostWaits);
                wait.Signal.WaitAsync(wait.Value, disposing).GetAwaiter().GetResult();
                return NewBatch();
            case ExecCommand exec:
                exec.Run(new MetalExecEncoder(backend, residency, commandBuffer), disposing);
                break;
            case CopyCommand copy:
                MetalBlits.Copy(commandBuffer, backend.OwnBuffer(copy.Source, "the copy's source"), copy.SourceOffset,
                    backend.OwnBuffer(copy.Destination, "the copy's destination"), copy.DestinationOffset, copy.Length);
                break;
            case MemoryBarrierCommand:
                // Passes are already ordered: each command is one, and Metal orders passes over the same buffers.
                return batch;
            case SignalCommand signal:
                batch.Signals.Add((signal.Signal, signal.Value));
                Commit(batch);
                return NewBatch();
            default:
                throw new NotSupportedException($"The Metal queue has no way to run {command}.");
        }

        batch.Encoded++;
        return batch;
    }

    /// <summary>
    /// Ends the batch with a signal of the queue's shared event to its next value, records where its
    /// Signal commands will be raised (before the completion thread can see it done), commits it, and
    /// hands it to the completion thread.
    /// </summary>
    public void Commit(MetalBatch batch)
    {
        ulong value = _eventValue + 1;
        nint commandBuffer = batch.CommandBuffer!.Id;
        timeline.EncodeSignal(commandBuffer, value);
        batch.EventValue = value;
        foreach ((TimelineSignal signal, ulong raised) in batch.Signals)
            signals.Submitted(signal, raised, timeline, value);
        MetalCommandBuffers.Commit(commandBuffer);
        _eventValue = value;
        inFlight.Add(batch);
    }
}
