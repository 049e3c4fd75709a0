using System.IO.Pipelines;
using RingKernel.Kernels.Persistent;

namespace RingKernel.Streams;

/// <summary>A running ring kernel serving a duplex stream: frames in through its input ring, its output back out.</summary>
public static class RingKernelStreams
{
    /// <summary>
    /// Serves one connection: a <see cref="RingIngest"/> from <paramref name="transport"/>'s input into
    /// the kernel's input ring and a <see cref="RingEgress"/> from its output ring into the transport's
    /// output. When the input stream ends, waits until the kernel has processed every message (its input
    /// ring is empty), writes what it sent, and completes both ends of the transport. The kernel must be
    /// active, and this call its output ring's only reader.
    /// </summary>
    /// <exception cref="StreamFrameException">A malformed frame ended the input; the messages before it were processed and their output written before this is thrown.</exception>
    /// <exception cref="KernelFaultedException">The kernel faulted while serving.</exception>
    /// <exception cref="InvalidOperationException">The kernel was terminated before the stream was served.</exception>
    /// <exception cref="IOException">The transport's output was completed by its reader (the peer stopped reading) before the stream was served; what the kernel sent since stays in its output ring.</exception>
    public static async Task ServeAsync(this IRingKernel kernel, IDuplexPipe transport, HostMessageTypes? hostMessages = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(transport);
        var ingest = new RingIngest(transport.Input, kernel.Input, hostMessages);
        var egress = new RingEgress(kernel.Output, transport.Output);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task egressRun = egress.RunAsync(stop.Token);
        Task ingestRun = ingest.RunAsync(stop.Token);
        StreamFrameException? malformed = null;
        try
        {
            if (await Task.WhenAny(ingestRun, kernel.Completion, egressRun).ConfigureAwait(false) != ingestRun)
                ThrowIfEnded(kernel, egressRun);
            try
            {
                await ingestRun.ConfigureAwait(false);
            }
            catch (StreamFrameException e)
            {
                // What came before the bad frame is in the ring: answer it, then report the frame.
                malformed = e;
            }

            await WhenInputProcessedAsync(kernel, egressRun, stop.Token).ConfigureAwait(false);
        }
        catch
        {
            // Stop both bridges; the first error is the one reported.
            await stop.CancelAsync().ConfigureAwait(false);
            await Ended(ingestRun).ConfigureAwait(false);
            await Ended(egressRun).ConfigureAwait(false);
            throw;
        }

        egress.Complete();
        await egressRun.ConfigureAwait(false);
        if (malformed is not null)
            throw malformed;
    }

    /// <summary>
    /// Completes once the kernel has committed every message in its input ring: a body replies before its
    /// message is committed, so its output is in the output ring by then. Polls: it runs once per stream.
    /// </summary>
    private static async Task WhenInputProcessedAsync(IRingKernel kernel, Task egressRun, CancellationToken cancellationToken)
    {
        var spinner = new SpinWait();
        while (kernel.Input.Ring.Count > 0)
        {
            ThrowIfEnded(kernel, egressRun);
            if (spinner.NextSpinWillYield)
                await Task.Delay(1, cancellationToken).ConfigureAwait(false);
            else
                spinner.SpinOnce();
        }
    }

    /// <summary>Waits for a bridge that was stopped, whatever it ended with.</summary>
    private static Task<AggregateException?> Ended(Task bridge) =>
        bridge.ContinueWith(static run => run.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>
    /// Throws when the kernel has ended, or the egress has (a kernel whose output nobody takes would wait
    /// for ever, and so would the wait for its input to drain).
    /// </summary>
    private static void ThrowIfEnded(IRingKernel kernel, Task egressRun)
    {
        if (kernel.Completion.IsCompleted)
        {
            throw kernel.Completion.Exception?.InnerException as KernelFaultedException
                ?? (Exception)new InvalidOperationException($"Ring kernel '{kernel.Name}' ended before the stream it served did.");
        }

        if (egressRun.IsCanceled)
            throw new OperationCanceledException("Serving the stream was cancelled.");
        if (egressRun.IsCompleted)
        {
            throw egressRun.Exception?.InnerException
                ?? new IOException($"The stream's reader stopped reading before ring kernel '{kernel.Name}' had answered it; what the kernel sent since stays in its output ring.");
        }
    }
}
