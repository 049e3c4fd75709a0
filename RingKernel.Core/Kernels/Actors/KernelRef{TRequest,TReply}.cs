using System.Diagnostics;
using Akka.Actor;
using RingKernel.Layouts;
using RingKernel.Rings;

namespace RingKernel.Kernels.Actors;

/// <summary>
/// The direct path to a kernel actor's kernel: <see cref="Tell"/>, <see cref="TellAsync"/> and
/// <see cref="Ask"/> write the message into the kernel's input ring from the calling thread (no mailbox,
/// no boxing, nothing allocated per message once warm), and the output pump completes Asks as replies
/// arrive. Obtain it from the actor with <see cref="KernelRefExtensions.GetKernelRefAsync{TRequest, TReply}"/>;
/// it is safe to use from any number of threads. The actor still owns the kernel's lifecycle: a restart
/// is invisible here except as latency (messages written meanwhile wait in the ring and are answered once),
/// and once the actor has stopped every call throws <see cref="KernelActorStoppedException"/>.
/// </summary>
/// <remarks>
/// Replies to <see cref="Tell"/> (which carry no correlation id) go to the actor's output subscribers.
/// Await every <see cref="Ask"/> exactly once: its reply slot is reused after that.
/// </remarks>
public sealed class KernelRef<TRequest, TReply>
    where TRequest : unmanaged
    where TReply : unmanaged
{
    private readonly MessageRing _input;
    private readonly KernelDirectPath _path;
    private readonly KernelRingGate _gate;
    private readonly TimeSpan _defaultTimeout;

    internal KernelRef(IActorRef actor, string kernelName, MessageRing input, KernelDirectPath path, int tableIndex, TimeSpan defaultTimeout, bool continueOnPump)
    {
        Actor = actor;
        KernelName = kernelName;
        _input = input;
        _path = path;
        _gate = path.Gate;
        _defaultTimeout = defaultTimeout;
        Replies = new KernelReplyTable<TReply>(tableIndex, kernelName, continueOnPump);
    }

    /// <summary>The kernel actor this reference writes to.</summary>
    public IActorRef Actor { get; }

    public string KernelName { get; }

    internal KernelReplyTable<TReply> Replies { get; }

    /// <summary>Writes <paramref name="message"/> into the input ring; false when the ring is full (nothing was written).</summary>
    /// <exception cref="KernelActorStoppedException">The kernel actor has stopped.</exception>
    public bool TryTell(in TRequest message)
    {
        Enter();
        try
        {
            return _input.TryEnqueue(in message);
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>
    /// Writes as many of <paramref name="messages"/> as the input ring has room for, in order, with one claim
    /// of their slots (the cheapest way to stream many messages); returns how many were written.
    /// </summary>
    /// <exception cref="KernelActorStoppedException">The kernel actor has stopped.</exception>
    public int TryTellMany(ReadOnlySpan<TRequest> messages)
    {
        Enter();
        try
        {
            return _input.TryEnqueueBatch(messages);
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>Writes <paramref name="message"/> into the input ring, or rejects it when the ring is full.</summary>
    /// <exception cref="RingFullException">The ring is full; the message was not written.</exception>
    /// <exception cref="KernelActorStoppedException">The kernel actor has stopped.</exception>
    public void Tell(in TRequest message)
    {
        if (!TryTell(in message))
            throw new RingFullException(_input.Ring.Capacity);
    }

    /// <summary>Writes <paramref name="message"/> into the input ring, waiting while it is full (spin, yield, then park); completes synchronously when there is room.</summary>
    /// <exception cref="KernelActorStoppedException">The kernel actor stopped before the message was written.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the message was written.</exception>
    public ValueTask TellAsync(TRequest message, CancellationToken cancellationToken = default) =>
        TryTell(in message) ? default : WriteWhenFreeAsync(message, default, cancellationToken);

    /// <summary>
    /// Sends <paramref name="request"/> with a correlation id and completes with the kernel's reply. Fails
    /// with <see cref="KernelRequestFailedException"/> when the kernel faulted on it or the actor stopped
    /// first, and with <see cref="AskTimeoutException"/> (naming the kernel) when no reply came within
    /// <paramref name="timeout"/> (the actor's <see cref="KernelActorOptions.AskTimeout"/> unless given;
    /// <see cref="Timeout.InfiniteTimeSpan"/> waits for ever).
    /// A full ring makes the Ask wait for room within the same timeout.
    /// </summary>
    /// <exception cref="KernelActorStoppedException">The kernel actor has stopped.</exception>
    public ValueTask<TReply> Ask(TRequest request, TimeSpan? timeout = null)
    {
        TimeSpan limit = timeout ?? _defaultTimeout;
        if (limit != Timeout.InfiniteTimeSpan)
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(timeout));
        Enter();
        KernelReplySlot<TReply> slot;
        MessageHeader header;
        try
        {
            _path.EnsureSweeping();
            slot = Replies.Rent(Deadline(limit), limit, out ulong correlationId);
            header = new MessageHeader { CorrelationId = correlationId };
            if (_input.TryEnqueue(in request, in header))
                return slot.Task;
        }
        finally
        {
            _gate.Exit();
        }

        return AskWhenFullAsync(slot, request, header, limit);
    }

    private async ValueTask<TReply> AskWhenFullAsync(KernelReplySlot<TReply> slot, TRequest request, MessageHeader header, TimeSpan timeout)
    {
        using (var expiry = new CancellationTokenSource(timeout))
        {
            try
            {
                await WriteWhenFreeAsync(request, header, expiry.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (error is OperationCanceledException or KernelActorStoppedException)
            {
                // Never written: fail the slot here (unless the sweep timed it out first), then read it as any Ask.
                Replies.TryFail(
                    header.CorrelationId,
                    error as KernelActorStoppedException ?? (Exception)new AskTimeoutException($"Ring kernel '{KernelName}' had no room for the request within {timeout}."));
            }
        }

        return await slot.Task.ConfigureAwait(false);
    }

    private async ValueTask WriteWhenFreeAsync(TRequest message, MessageHeader header, CancellationToken cancellationToken)
    {
        Enter();
        try
        {
            using CancellationTokenSource linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _gate.Closing);
            try
            {
                await _input.EnqueueAsync(message, header, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_gate.Closing.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new KernelActorStoppedException(KernelName);
            }
        }
        finally
        {
            _gate.Exit();
        }
    }

    private void Enter()
    {
        if (!_gate.TryEnter())
            throw new KernelActorStoppedException(KernelName);
    }

    private static long Deadline(TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan || timeout > TimeSpan.FromDays(365)
            ? long.MaxValue
            : Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
}
