using RingKernel.Memory;

namespace RingKernel.Commands;

/// <summary>
/// A hardware-style command queue: submissions run in the order they were submitted, the commands
/// of each in order, on the queue's own engine (a worker on the CPU, a Vulkan queue, a CUDA
/// stream, a Metal command queue). Queues synchronise with each other and with the host only
/// through <see cref="TimelineSignal"/>s.
/// </summary>
/// <remarks>
/// A command that throws faults the queue: its submission and every later one fail (their tokens
/// and the signals they would have raised throw instead of hanging) and further submits throw.
/// Disposing the queue cancels what has not run: the running command finishes or stops at its next
/// cancellation point, later commands never run and fail as above, and Dispose returns when the
/// queue is idle. Wait on a token first to finish the work instead.
/// </remarks>
public interface ICommandQueue : IDisposable
{
    string Name { get; }

    QueueKind Kind { get; }

    /// <summary>Counts completed submissions; tokens wait on it.</summary>
    TimelineSignal Progress { get; }

    /// <summary>The <see cref="CommandQueueFaultedException"/> that faulted the queue; null while healthy.</summary>
    Exception? Fault { get; }

    /// <summary>Queues a snapshot of <paramref name="commands"/>; the token completes when all have run.</summary>
    CommandToken Submit(CommandList commands);

    /// <summary>Copies <paramref name="length"/> bytes after everything already submitted; the token completes when the bytes have landed.</summary>
    CommandToken CopyAsync(DeviceBuffer source, long sourceOffset, DeviceBuffer destination, long destinationOffset, long length);
}
