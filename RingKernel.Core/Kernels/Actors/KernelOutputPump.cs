using System.Diagnostics;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using RingKernel.Rings;

namespace RingKernel.Kernels.Actors;

/// <summary>
/// Reads a kernel's output ring on a thread-pool task. A reply to an Ask of a typed reference completes
/// that Ask here, on the pump's thread; every other message goes, in ring order, to a sink (a kernel
/// actor's own mailbox: the pump never touches actor state). It lives as long as the kernel memory,
/// across kernel relaunches. <see cref="Close"/> stops it between two batches, after
/// which the owner may read the ring itself with <see cref="DrainRing"/>.
/// </summary>
internal sealed class KernelOutputPump : IDisposable
{
    private const int BatchSize = 256;

    /// <summary>
    /// How long the pump keeps polling the output ring after a batch before it parks: in a conversation
    /// the next reply usually comes within a microsecond, and parking and waking cost more than that (the
    /// kernel polls its input ring for the same reason). Shorter than the kernel's poll: on a machine with
    /// few cores a polling pump holds a core the actor's own dispatcher may be waiting for.
    /// </summary>
    private static readonly long PollTicks = Stopwatch.Frequency / 50_000; // 20 µs

    /// <summary>
    /// How long after its kernel's end the pump polls by handing its thread back to the pool between looks
    /// (see <see cref="KernelEnded"/>): as long as a supervisor's restart takes to relaunch the kernel.
    /// </summary>
    private static readonly long HandOverTicks = Stopwatch.Frequency / 20_000; // 50 µs

    private readonly MessageRing _output;
    private readonly KernelCodecTable _codecs;
    private readonly KernelDirectPath _direct;
    private readonly Action<KernelActorSignals.Output> _sink;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private bool _closed;

    /// <summary>Until when (a <see cref="Stopwatch"/> timestamp) the pump polls by yielding its thread.</summary>
    private long _handOverUntil;

    public KernelOutputPump(MessageRing output, KernelCodecTable codecs, KernelDirectPath direct, Action<KernelActorSignals.Output> sink)
    {
        _output = output;
        _codecs = codecs;
        _direct = direct;
        _sink = sink;
    }

    public void Start()
    {
        CancellationToken token = _stop.Token;
        _ = Task.Run(() => RunAsync(token), CancellationToken.None);
    }

    /// <summary>
    /// Called on the ending kernel's thread right after it has told the actor: for <see cref="HandOverTicks"/>
    /// the pump yields its thread to the pool between looks at the output ring instead of spinning on it.
    /// The actor's mailbox, queued by that message, then runs on the pump's thread at once instead of
    /// waiting for an idle pool thread to wake, and the pump still looks when the relaunched kernel replies.
    /// </summary>
    public void KernelEnded() => Volatile.Write(ref _handOverUntil, Stopwatch.GetTimestamp() + HandOverTicks);

    /// <summary>Stops the pump; once this returns it reads nothing more.</summary>
    public void Close()
    {
        lock (_gate)
            _closed = true;
        _stop.Cancel();
    }

    /// <summary>
    /// Reads every message readable now from <paramref name="ring"/> (as its one consumer): replies to
    /// direct Asks complete them (when <paramref name="direct"/> is given), the rest go to
    /// <paramref name="sink"/>; messages that fail validation are skipped (the ring counts them).
    /// </summary>
    public static void DrainRing(MessageRing ring, KernelCodecTable codecs, KernelDirectPath? direct, Action<KernelActorSignals.Output> sink, int maxMessages = int.MaxValue)
    {
        var handler = new Handler(codecs, direct, sink);
        while (true)
        {
            try
            {
                ring.Drain(ref handler, maxMessages);
                return;
            }
            catch (MessageRejectedException)
            {
                // Consumed and counted in the ring's RejectedCount; the messages after it are still readable.
            }
        }
    }

    public void Dispose()
    {
        Close();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken token)
    {
        try
        {
            while (true)
            {
                await _output.WaitToReadAsync(token).ConfigureAwait(false);
                do
                {
                    lock (_gate)
                    {
                        if (_closed)
                            return;
                        DrainRing(_output, _codecs, _direct, _sink, BatchSize);
                    }
                }
                while (await PollOrYieldAsync(token).ConfigureAwait(false));
            }
        }
        catch (OperationCanceledException)
        {
            // Closed.
        }
    }

    /// <summary>
    /// Waits for output like <see cref="PollForOutput"/>; while its kernel's end is recent (<see cref="KernelEnded"/>),
    /// each look is followed by a yield to the pool's global queue, behind the work queued before it.
    /// </summary>
    private async ValueTask<bool> PollOrYieldAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested && Stopwatch.GetTimestamp() < Volatile.Read(ref _handOverUntil))
        {
            if (_output.Ring.IsReadable)
                return true;
            await Task.Yield();
        }

        return PollForOutput(token);
    }

    /// <summary>Spins until the output ring has a message or the kernel has ended (true), or <see cref="PollTicks"/> have passed (false).</summary>
    private bool PollForOutput(CancellationToken token)
    {
        long deadline = Stopwatch.GetTimestamp() + PollTicks;
        while (!token.IsCancellationRequested)
        {
            if (_output.Ring.IsReadable)
                return true;
            long now = Stopwatch.GetTimestamp();
            if (now < Volatile.Read(ref _handOverUntil))
                return true;
            if (now >= deadline)
                return false;
            Thread.SpinWait(1);
        }

        return false;
    }

    private readonly struct Handler(KernelCodecTable codecs, KernelDirectPath? direct, Action<KernelActorSignals.Output> sink) : IMessageHandler
    {
        public void Handle(RingMessage message)
        {
            ref readonly MessageHeader header = ref message.Header;
            if (direct is not null && KernelCorrelationIds.IsDirect(header.CorrelationId) && Complete(direct, message, header.CorrelationId))
                return;

            if (message.Is<KernelFaultReply>())
            {
                sink(new KernelActorSignals.Output(header.CorrelationId, message.Get<KernelFaultReply>(), IsError: true));
                return;
            }

            // The ring validated the type id against the registry, which holds exactly the codecs' types.
            codecs.TryGet(header.TypeId, out KernelPayloadCodec codec);
            sink(new KernelActorSignals.Output(header.CorrelationId, codec.Read(message), IsError: false));
        }

        /// <summary>False when no Ask waits for this reply any more (it timed out): the actor then dead-letters it.</summary>
        private static bool Complete(KernelDirectPath direct, RingMessage message, ulong correlationId) =>
            message.Is<KernelFaultReply>()
                ? direct.TryFail(correlationId, KernelRequestFailedException.Faulted(direct.KernelName, message.Get<KernelFaultReply>().ErrorCode))
                : direct.TryComplete(correlationId, message);
    }
}
