using System.Diagnostics;
using System.Runtime.CompilerServices;
using RingKernel.Actors.Mailboxes;
using RingKernel.Actors.SystemMessages;

namespace RingKernel.Actors;

/// <summary>
/// The runtime half of an actor: its mailbox, its scheduling on the thread pool, its lifecycle,
/// children, DeathWatch and fault handling (Akka.NET's ActorCell). The actor instance changes on every
/// restart; the cell and its handle stay.
/// <para>
/// Scheduling: <see cref="_status"/> packs a Scheduled bit, a Closed bit and a suspend count. A producer
/// enqueues, then (if the cell is neither scheduled nor suspended) sets Scheduled with one CAS and queues
/// the cell itself as an <see cref="IThreadPoolWorkItem"/>, so scheduling allocates nothing. A run drains
/// system messages, then up to <c>Throughput</c> user messages (system messages are checked after each),
/// clears Scheduled and reschedules itself if work arrived meanwhile.
/// </para>
/// </summary>
internal sealed partial class ActorCell : IActorContext, IThreadPoolWorkItem
{
    private const int ScheduledFlag = 1;
    private const int ClosedFlag = 2;
    private const int SuspendUnit = 4;

    [ThreadStatic]
    private static ActorCell? t_current;

    [ThreadStatic]
    private static ActorCell? t_creating;

    private readonly ActorSystem _system;
    private readonly Props _props;
    private readonly IInternalActorRef _parent;
    private readonly LocalActorRef _self;
    private readonly MessageQueue _mailbox = new();
    private readonly SystemMessageQueue _systemMailbox = new();
    private readonly int _throughput;
    private int _status;

    private ActorBase? _actor;
    private List<Receive>? _behaviorStack;
    private IActorRef? _currentSender;

    public ActorCell(ActorSystem system, Props props, IInternalActorRef parent, ActorPath path)
    {
        _system = system;
        _props = props;
        _parent = parent;
        Path = path;
        _throughput = system.Settings.Throughput;
        _self = new LocalActorRef(this);
    }

    /// <summary>The cell whose actor is running on this thread, if any.</summary>
    internal static ActorCell? Current => t_current;

    /// <summary>The cell whose actor instance is being constructed on this thread, if any.</summary>
    internal static ActorCell? CurrentlyCreating => t_creating;

    public ActorPath Path { get; }

    public IActorRef Self => _self;

    internal LocalActorRef SelfRef => _self;

    public IActorRef Sender => _currentSender ?? _system.DeadLetters;

    public IActorRef Parent => _parent;

    public Props Props => _props;

    public ActorSystem System => _system;

    internal bool IsTerminated => (Volatile.Read(ref _status) & ClosedFlag) != 0;

    /// <summary>Queues the <see cref="Create"/> message; the instance is built on the actor's first run.</summary>
    internal void Start() => PostSystem(new Create());

    /// <summary>Any thread: enqueue a user message and make sure someone will process it.</summary>
    internal void Post(object message, IActorRef? sender)
    {
        _mailbox.Enqueue(message, sender);
        int status = Volatile.Read(ref _status);
        // Runnable means: not scheduled, and either not suspended or closed (a closed cell runs to dead-letter its mail).
        while ((status & ScheduledFlag) == 0 && (status < SuspendUnit || (status & ClosedFlag) != 0))
        {
            int seen = Interlocked.CompareExchange(ref _status, status | ScheduledFlag, status);
            if (seen == status)
            {
                Dispatch(yielded: false);
                return;
            }

            status = seen;
        }
    }

    /// <summary>Any thread: enqueue a system message; it schedules the cell even when suspended.</summary>
    internal void PostSystem(SystemMessage message)
    {
        _systemMailbox.Push(message);
        ScheduleUnconditionally(yielded: false);
    }

    private void ScheduleUnconditionally(bool yielded)
    {
        int status = Volatile.Read(ref _status);
        while ((status & ScheduledFlag) == 0)
        {
            int seen = Interlocked.CompareExchange(ref _status, status | ScheduledFlag, status);
            if (seen == status)
            {
                Dispatch(yielded);
                return;
            }

            status = seen;
        }
    }

    /// <summary>
    /// An actor woken by a message goes to the waking thread's local queue, next to the data it was just
    /// sent (on a thread-pool thread; elsewhere the queue is global anyway). An actor that used up its
    /// throughput and still has mail goes to the back of the global queue, so that a busy actor cannot
    /// starve the others queued behind it on the same thread.
    /// </summary>
    private void Dispatch(bool yielded) => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: !yielded);

    /// <summary>One run on a thread-pool thread; only one run of a cell exists at a time (the Scheduled bit).</summary>
    public void Execute()
    {
        ActorCell? previous = t_current;
        t_current = this;
        try
        {
            if (_systemMailbox.HasMessages)
                ProcessSystemMessages();
            int status = Volatile.Read(ref _status);
            if ((status & ClosedFlag) != 0)
                DrainMailboxToDeadLetters();
            else if (status < SuspendUnit)
                ProcessMailbox();
        }
        finally
        {
            t_current = previous;
        }

        // Release, then look again: a producer that saw Scheduled set relied on this run to see its message.
        int after = Interlocked.And(ref _status, ~ScheduledFlag) & ~ScheduledFlag;
        if (_systemMailbox.HasMessages || ((after < SuspendUnit || (after & ClosedFlag) != 0) && _mailbox.HasMessages))
            ScheduleUnconditionally(yielded: true);
    }

    private void ProcessMailbox()
    {
        int left = _throughput;
        while (_mailbox.TryDequeue(out object message, out IActorRef? sender))
        {
            Invoke(message, sender);
            if (_systemMailbox.HasMessages)
                ProcessSystemMessages();
            if ((Volatile.Read(ref _status) & ~ScheduledFlag) != 0 || --left == 0)
                return;
        }
    }

    private void Invoke(object message, IActorRef? sender)
    {
        _currentSender = sender;
        try
        {
            if (message is AutoReceivedMessage autoReceived)
                AutoReceive(autoReceived);
            else
                ReceiveMessage(message);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, null, message);
        }

        _currentSender = null;
    }

    // Inlined so that an exception from a handler crosses as few frames as possible before Invoke catches
    // it: unwinding costs per frame, and it is most of the restart latency.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ReceiveMessage(object message)
    {
        ActorBase actor = _actor!;
        bool handled = _behaviorStack is { Count: > 0 } stack ? stack[^1](message) : actor.InvokeReceive(message);
        if (!handled)
            actor.InvokeUnhandled(message);
    }

    private void AutoReceive(AutoReceivedMessage message)
    {
        switch (message)
        {
            case Terminated terminated:
                // Delivered only while still watched: Unwatch after the notification discards it.
                if (_terminatedQueued is not null && _terminatedQueued.Remove(terminated.ActorRef))
                    ReceiveMessage(terminated);
                break;
            case PoisonPill:
                _self.SendSystemMessage(new Terminate());
                break;
            case Kill:
                throw new ActorKilledException("Kill");
        }
    }

    private void DrainMailboxToDeadLetters()
    {
        while (_mailbox.TryDequeue(out object message, out IActorRef? sender))
            _system.PublishDeadLetter(message, sender, _self);
    }

    private void SuspendSelf() => Interlocked.Add(ref _status, SuspendUnit);

    private void ResumeSelf()
    {
        int status = Interlocked.Add(ref _status, -SuspendUnit);
        Debug.Assert(status >= 0, "suspend count went negative");
    }

    private ActorBase NewActor()
    {
        _behaviorStack?.Clear();
        ActorCell? previous = t_creating;
        t_creating = this;
        ActorBase actor;
        try
        {
            actor = _props.NewActor();
        }
        finally
        {
            t_creating = previous;
        }

        if (!ReferenceEquals(actor.Cell, this))
            throw new ActorInitializationException($"The factory in {_props} must return a new instance on every call.");
        actor.InvokeCreated();
        return actor;
    }

    public void Become(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        _behaviorStack ??= [];
        if (_behaviorStack.Count > 0)
            _behaviorStack[^1] = receive;
        else
            _behaviorStack.Add(receive);
    }

    public void BecomeStacked(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        (_behaviorStack ??= []).Add(receive);
    }

    public void Unbecome()
    {
        if (_behaviorStack is { Count: > 0 })
            _behaviorStack.RemoveAt(_behaviorStack.Count - 1);
    }

    public override string ToString() => $"ActorCell({Path})";
}
