using System.Diagnostics;
using System.Runtime.CompilerServices;
using RingKernel.K2K;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using RingKernel.Rings;

namespace RingKernel.Cpu.Kernels;

/// <summary>
/// What a running ring kernel sees on the CPU: the message in hand, the output ring and the control
/// block. In a per-thread body exactly one thread calls <see cref="Receive"/> and
/// <see cref="Complete"/> (the claim); the others read <see cref="HasMessage"/> and the message after
/// the barrier that follows, so every barrier is reached by every thread.
/// </summary>
/// <remarks>
/// <para><see cref="Receive"/> honours host commands (activate, deactivate, terminate) and, with nothing
/// to do, backs off: it spins, yields, then parks until a message or a command arrives, so an idle
/// kernel uses no core. A message is committed (its slot returned to producers) only after
/// <see cref="Complete"/>; commits are batched, at most <see cref="CommitBatch"/> at a time, and always
/// flushed before the kernel waits, so a faulted kernel leaves exactly the message it was processing,
/// and those after it, in its ring.</para>
/// <para>The heartbeat in the control block counts flushes: it advances while the kernel makes
/// progress and stands still while it waits for work, so a watchdog reads "messages waiting and no
/// heartbeat" as a stall and "no messages" as idle.</para>
/// </remarks>
public sealed unsafe partial class RingKernelContext : IResumableKernel
{
    /// <summary>
    /// How long an idle kernel keeps polling before it parks. Parking and waking cost microseconds,
    /// so a kernel that parked after a few hundred nanoseconds would pay that on every round trip of
    /// a request/reply conversation; a persistent GPU kernel polls for the same reason.
    /// </summary>
    private static readonly long IdlePollTicks = Stopwatch.Frequency / 20_000; // 50 µs

    /// <summary>
    /// How long a kernel that has just run dry after a stream (<see cref="StreamMessages"/>) waits before it
    /// looks again, and then between looks. Meanwhile the producers' next messages gather, and the kernel
    /// takes them together: each line of ring state then crosses between cores once for many messages
    /// instead of once for each, and the kernel stays off the lines the producers are writing. Requests
    /// (messages with a correlation id, whose senders await the reply) never make a stream, so their
    /// latency does not pay for this.
    /// </summary>
    private static readonly long StreamPollSpacingTicks = Stopwatch.Frequency / 250_000; // 4 µs

    /// <summary>More one-way messages (no correlation id) than this since the kernel last ran dry make a stream.</summary>
    private const int StreamMessages = 16;

    /// <summary>Most completed messages held before their slots are returned to producers.</summary>
    public const int CommitBatch = 64;

    private readonly RingKernelMemory _memory;
    private readonly MessageRing _input;
    private readonly MessageRing _output;
    private readonly RingKernelCommands _commands;
    private readonly ControlBlock* _control;
    private byte* _slot;
    private int _completed;
    private int _oneWaySinceWait;
    private ulong _processed;
    private ulong _sent;
    private uint _acknowledged;
    private bool _active;
    private bool _terminating;

    internal RingKernelContext(string kernelName, RingKernelMemory memory, RingKernelCommands commands)
    {
        KernelName = kernelName;
        _memory = memory;
        _input = memory.Input;
        _output = memory.Output;
        _commands = commands;
        _control = memory.ControlBlockPointer;
    }

    public string KernelName { get; }

    /// <summary>True between a <see cref="Receive"/> that returned true and <see cref="Complete"/>.</summary>
    public bool HasMessage => _slot != null;

    /// <summary>True once the host asked the kernel to terminate; <see cref="Receive"/> then returns false.</summary>
    public bool IsTerminating
    {
        get => _terminating || _commands.TerminatingToken.IsCancellationRequested;
        private set => _terminating = value;
    }

    /// <summary>
    /// Cancelled when the host asks the kernel to terminate. Pass it to blocking calls the body makes
    /// (a K2K send or receive), so a terminate ends the wait; the cancellation then ends the kernel
    /// normally, and the message in hand stays in the input ring.
    /// </summary>
    public CancellationToken TerminationToken => _commands.TerminatingToken;

    /// <summary>This kernel's K2K endpoint: its routes to other kernels and its inboxes from them.</summary>
    /// <exception cref="InvalidOperationException">No endpoint was attached to the kernel's memory (<see cref="RingKernelMemory.AttachK2K"/>).</exception>
    public K2KEndpoint K2K => _memory.K2K ?? throw new InvalidOperationException($"Ring kernel '{KernelName}' has no K2K endpoint; attach one with RingKernelMemory.AttachK2K before launching it.");

    /// <summary>The header of the message in hand.</summary>
    public ref readonly MessageHeader Header => ref *(MessageHeader*)CurrentSlot;

    public uint TypeId => Header.TypeId;

    /// <summary>The payload of the message in hand, read in place in its ring slot.</summary>
    public ReadOnlySpan<byte> Payload => new(CurrentSlot + MessageHeader.Size, (int)Header.PayloadSize);

    /// <summary>The control block shared with the host.</summary>
    public ref ControlBlock ControlBlock => ref _memory.ControlBlock;

    /// <summary>Messages completed by this kernel instance.</summary>
    public ulong MessagesProcessed => _processed;

    /// <summary>True when the message in hand carries a <typeparamref name="T"/>.</summary>
    public bool Is<T>()
        where T : unmanaged => new RingMessage(CurrentSlot, _input.Types).Is<T>();

    /// <summary>The payload of the message in hand as a <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidOperationException">No message is in hand, or it carries another type.</exception>
    public T Get<T>()
        where T : unmanaged => new RingMessage(CurrentSlot, _input.Types).Get<T>();

    /// <summary>
    /// Takes the next message (true), or returns false when the kernel must leave its loop
    /// (terminate). Blocks while there is nothing to do: the ring is empty or the kernel is inactive.
    /// Messages that fail validation are skipped and counted in the control block's error fields.
    /// </summary>
    /// <exception cref="InvalidOperationException">The previous message was not completed.</exception>
    public bool Receive()
    {
        while (true)
        {
            switch (TryReceive())
            {
                case ReceiveOutcome.Message:
                    if (((MessageHeader*)_slot)->CorrelationId == 0)
                        _oneWaySinceWait++;
                    return true;
                case ReceiveOutcome.Terminate:
                    return false;
                default:
                    WaitForWork();
                    break;
            }
        }
    }

    /// <summary>Marks the message in hand processed; its slot is committed with the next batch.</summary>
    /// <exception cref="InvalidOperationException">No message is in hand.</exception>
    public void Complete()
    {
        if (_slot == null)
            throw new InvalidOperationException($"Ring kernel '{KernelName}' has no message in hand to complete.");
        _slot = null;
        _processed++;
        MarkCompleted();
    }

    /// <summary>
    /// Publishes <paramref name="message"/> on the output ring, waiting (spin, yield, park) while it is
    /// full: output is never dropped. The ring fills in type, size and checksum; the kernel stamps the
    /// source and a message id.
    /// </summary>
    /// <exception cref="OperationCanceledException">The host terminated the kernel while it waited for room.</exception>
    public void Send<T>(in T message, in MessageHeader header = default)
        where T : unmanaged
    {
        MessageHeader stamped = header;
        stamped.MessageId = ++_sent;
        stamped.SourceId = _control->KernelId;
        if (_output.TryEnqueue(in message, in stamped))
            return;
        SendWhenFree(in message, in stamped);
    }

    /// <summary>Sends <paramref name="message"/> as the reply to the message in hand: same correlation id, addressed to its sender.</summary>
    public void Reply<T>(in T message)
        where T : unmanaged
    {
        ref readonly MessageHeader request = ref Header;
        var header = new MessageHeader
        {
            CorrelationId = request.CorrelationId,
            DestinationId = request.SourceId,
            Flags = MessageFlags.Reply,
        };
        Send(in message, in header);
    }

    /// <summary>Kernel start: reports Idle; the first <see cref="Receive"/> applies the command the host posted before launching.</summary>
    internal void Start()
    {
        _acknowledged = _commands.Epoch - 1;
        Volatile.Write(ref Unsafe.As<KernelStatus, uint>(ref _control->Status), (uint)KernelStatus.Idle);
    }

    /// <summary>The loop ended normally: commits, reports Terminated and acknowledges the terminate command.</summary>
    internal void Exit()
    {
        _slot = null;
        Flush();
        Volatile.Write(ref Unsafe.As<KernelStatus, uint>(ref _control->Status), (uint)KernelStatus.Terminated);
        _commands.Acknowledge(_commands.Epoch);
    }

    /// <summary>
    /// The body threw: commits the messages completed before the fault (not the one in hand), reports
    /// Faulted with <see cref="KernelErrorCodes.BodyFault"/>; returns whether a message was in hand.
    /// </summary>
    internal bool Fault()
    {
        bool hadMessage = _slot != null;
        _slot = null;
        Flush();
        ReportError(KernelErrorCodes.BodyFault);
        Volatile.Write(ref Unsafe.As<KernelStatus, uint>(ref _control->Status), (uint)KernelStatus.Faulted);
        _commands.WakeWaiters();
        return hadMessage;
    }

    private byte* CurrentSlot
    {
        get
        {
            if (_slot == null)
                throw new InvalidOperationException($"Ring kernel '{KernelName}' has no message in hand.");
            return _slot;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MarkCompleted()
    {
        if (++_completed == CommitBatch)
            Flush();
    }

    /// <summary>Commits completed messages and publishes progress: heartbeat and count.</summary>
    private void Flush()
    {
        if (_completed > 0)
        {
            _input.Commit(_completed);
            _completed = 0;
        }

        ref ControlBlock control = ref *_control;
        Volatile.Write(ref control.MessagesProcessed, control.MessagesProcessed + _processed);
        Volatile.Write(ref control.MessagesSent, control.MessagesSent + _sent);
        _processed = 0;
        _sent = 0;
        Volatile.Write(ref control.Heartbeat, control.Heartbeat + 1);
    }

    /// <summary>Acts on the latest command; false when it is terminate.</summary>
    private bool ApplyCommand()
    {
        uint epoch = _commands.Epoch;
        KernelCommand command = _commands.Command;
        Flush();
        if ((command & KernelCommand.Terminate) != 0)
        {
            IsTerminating = true;
            _acknowledged = epoch;
            return false;
        }

        _active = (command & KernelCommand.Active) != 0;
        KernelStatus status = _active ? KernelStatus.Running : KernelStatus.Idle;
        Volatile.Write(ref Unsafe.As<KernelStatus, uint>(ref _control->Status), (uint)status);
        _acknowledged = epoch;
        _commands.Acknowledge(epoch);
        return true;
    }

    /// <summary>Nothing to do: commit, then spin, yield and park until a message (when active) or a command arrives.</summary>
    private void WaitForWork()
    {
        Flush();
        bool streaming = _oneWaySinceWait > StreamMessages;
        _oneWaySinceWait = 0;
        CancellationToken posted = _commands.PostedToken;
        if (_commands.Epoch != _acknowledged)
            return;
        if (_active && PollForInput(streaming ? StreamPollSpacingTicks : 0))
            return;
        try
        {
            if (_active)
                _input.WaitToReadAsync(posted).AsTask().GetAwaiter().GetResult();
            else
                posted.WaitHandle.WaitOne();
        }
        catch (OperationCanceledException)
        {
            // A command was posted; the loop applies it.
        }
    }

    /// <summary>
    /// Polls the input ring and the command word for up to <see cref="IdlePollTicks"/>, <paramref name="spacingTicks"/>
    /// apart (after a first pause of that length; at once and then continuously when it is 0); true when
    /// either has news. It asks whether the next slot is published, not for the ring's count: the count
    /// reads the claim cursor, and a line this core keeps reading is one that every producer's claim must
    /// first take back.
    /// </summary>
    private bool PollForInput(long spacingTicks)
    {
        long now = Stopwatch.GetTimestamp();
        long deadline = now + IdlePollTicks;
        long pollAt = now + spacingTicks;
        while (true)
        {
            while (now < pollAt)
            {
                Thread.SpinWait(1);
                now = Stopwatch.GetTimestamp();
            }

            if (_input.Ring.IsReadable || _commands.Epoch != _acknowledged)
                return true;
            if (now >= deadline)
                return false;
            Thread.SpinWait(1);
            now = Stopwatch.GetTimestamp();
            pollAt = now + spacingTicks;
        }
    }

    private void SendWhenFree<T>(in T message, in MessageHeader header)
        where T : unmanaged
    {
        while (true)
        {
            CancellationToken posted = _commands.PostedToken;
            if ((_commands.Command & KernelCommand.Terminate) != 0)
                throw new OperationCanceledException($"Ring kernel '{KernelName}' was terminated while waiting for room in its output ring.");
            try
            {
                _output.WaitForFreeSlotAsync(posted).AsTask().GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // A command was posted; terminate is checked above, anything else waits for the next message.
            }

            if (_output.TryEnqueue(in message, in header))
                return;
        }
    }

    private void ReportError(uint code)
    {
        ref ControlBlock control = ref *_control;
        Volatile.Write(ref control.LastError, code);
        Volatile.Write(ref control.ErrorCount, control.ErrorCount + 1);
    }
}
