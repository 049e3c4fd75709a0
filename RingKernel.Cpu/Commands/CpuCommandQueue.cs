using RingKernel.Commands;
using RingKernel.Memory;

namespace RingKernel.Cpu.Commands;

/// <summary>
/// A command queue on the CPU: one worker (a serial chain of thread-pool work fed by a channel)
/// runs the submissions in order. A Wait suspends the worker without holding a thread until the
/// signal reaches its value; an Exec dispatches through the <see cref="CpuBackend"/>, whose workers
/// run the grid; a Copy moves bytes between host-accessible buffers; a MemoryBarrier is a full fence;
/// a Signal raises its signal after everything before it. A <see cref="QueueKind.Copy"/> queue
/// refuses Exec commands, as a GPU's transfer queue would.
/// </summary>
public sealed class CpuCommandQueue : CommandQueueBase
{
    /// <summary>The most bytes one span copy moves.</summary>
    private const int CopyChunkBytes = 1 << 30;

    private readonly IKernelDispatcher _dispatcher;

    public CpuCommandQueue(CpuBackend backend, QueueKind kind, string name)
        : base(kind, name, issuedCommandsHaveRun: true)
    {
        ArgumentNullException.ThrowIfNull(backend);
        _dispatcher = new CpuKernelDispatcher(backend);
        StartWorker(ownThread: false);
    }

    public override string ToString() => $"{Kind} queue '{Name}'";

    protected override ValueTask IssueAsync(QueueCommand command, CancellationToken cancellation)
    {
        switch (command)
        {
            case WaitCommand wait:
                return new ValueTask(wait.Signal.WaitAsync(wait.Value, cancellation));
            case ExecCommand exec:
                exec.Run(_dispatcher, cancellation);
                break;
            case CopyCommand copy:
                CopyBytes(copy);
                break;
            case MemoryBarrierCommand:
                Interlocked.MemoryBarrier();
                break;
            case SignalCommand signal:
                signal.Signal.Signal(signal.Value);
                break;
            default:
                throw new NotSupportedException($"The CPU queue has no way to run {command}.");
        }

        return ValueTask.CompletedTask;
    }

    private static void CopyBytes(CopyCommand copy)
    {
        DeviceBuffer source = copy.Source;
        DeviceBuffer destination = copy.Destination;
        if (!source.IsHostAccessible || !destination.IsHostAccessible)
            throw new NotSupportedException($"The CPU queue copies between host-accessible buffers only; {copy} involves a {MemorySpaceKind.Device} buffer.");

        // Spans are int-sized, so a long copy goes in chunks; a copy to a higher offset in the same
        // buffer goes back to front so overlapping ranges come out as one memmove would leave them.
        bool backwards = ReferenceEquals(source, destination) && copy.DestinationOffset > copy.SourceOffset;
        long done = 0;
        while (done < copy.Length)
        {
            int chunk = (int)Math.Min(CopyChunkBytes, copy.Length - done);
            long at = backwards ? copy.Length - done - chunk : done;
            source.AsSpan(copy.SourceOffset + at, chunk).CopyTo(destination.AsSpan(copy.DestinationOffset + at, chunk));
            done += chunk;
        }
    }
}
