using System.Diagnostics;
using RingKernel.Actors;
using Xunit.Sdk;

namespace RingKernel.TestKit;

/// <summary>
/// Expectations on the messages one test actor receives, with Akka.NET TestKit's vocabulary. Every
/// expectation waits at most its timeout (default <see cref="DefaultTimeout"/>, or what remains of an
/// enclosing <see cref="Within(TimeSpan, Action)"/>) and fails with an <see cref="XunitException"/> that
/// says what was expected and what arrived. Waiting uses real time; control the actors' own time with a
/// <see cref="ManualTimeProvider"/>.
/// </summary>
public abstract class TestKitBase
{
    private readonly TestActorQueue _queue;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _end;
    private bool _lastWasNoMessage;

    private protected TestKitBase(ActorSystem system, string testActorName)
    {
        Sys = system;
        _queue = new TestActorQueue();
        TestActor = system.SystemActorOf(Props.Create(() => new TestActor(_queue)), testActorName);
        EventFilter = new EventFilterFactory(this);
    }

    /// <summary>The actor system under test.</summary>
    public ActorSystem Sys { get; }

    /// <summary>The actor whose received messages the expectations examine.</summary>
    public IActorRef TestActor { get; }

    /// <summary>Timeout of an expectation that names none, outside <c>Within</c>: 3 s, as in Akka.</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long <see cref="ExpectNoMsg(TimeSpan?)"/> waits when given no duration, outside <c>Within</c>.</summary>
    public TimeSpan DefaultNoMessageDuration { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Expectations on log events (actor failures) and dead letters.</summary>
    public EventFilterFactory EventFilter { get; }

    /// <summary>Sender of the last message taken by an expectation.</summary>
    public IActorRef LastSender { get; private set; } = ActorRefs.Nobody;

    /// <summary>Messages received and not yet taken.</summary>
    public int MessageCount => _queue.Count;

    /// <summary>Time left in the innermost <c>Within</c>, or <see cref="DefaultTimeout"/> outside one.</summary>
    public TimeSpan RemainingOrDefault => RemainingOr(DefaultTimeout);

    private TimeSpan Now => _clock.Elapsed;

    /// <summary>Tells <paramref name="message"/> to <paramref name="target"/> with the test actor as sender.</summary>
    public void Send(IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, TestActor);
    }

    /// <summary>Tells <paramref name="message"/> to the sender of the last message taken.</summary>
    public void Reply(object message) => LastSender.Tell(message, TestActor);

    /// <summary>Makes the test actor watch <paramref name="actor"/>, so <see cref="ExpectTerminated"/> can see it stop.</summary>
    public IActorRef Watch(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        TestActor.Tell(new TestActor.WatchRequest(actor), TestActor);
        return actor;
    }

    public IActorRef Unwatch(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        TestActor.Tell(new TestActor.UnwatchRequest(actor), TestActor);
        return actor;
    }

    /// <summary>The next message, or null if none arrives within <paramref name="max"/>.</summary>
    public object? ReceiveOne(TimeSpan? max = null) => TryReceive(max ?? RemainingOrDefault, out ReceivedMessage received) ? received.Message : null;

    /// <summary>Exactly <paramref name="count"/> messages, failing if they do not all arrive in time.</summary>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? max = null)
    {
        TimeSpan stop = Now + (max ?? RemainingOrDefault);
        var messages = new List<object>(count);
        while (messages.Count < count)
        {
            if (!TryReceive(stop - Now, out ReceivedMessage received))
                throw Fail($"ReceiveN: timeout ({Describe.Duration(max ?? RemainingOrDefault)}) after {messages.Count} of {count} messages; received [{string.Join(", ", messages.Select(Describe.Message))}]");
            messages.Add(received.Message);
        }

        return messages;
    }

    /// <summary>Expects a message of type <typeparamref name="T"/>.</summary>
    public T ExpectMsg<T>(TimeSpan? timeout = null, string? hint = null) => ExpectMsg<T>(static _ => true, timeout, hint, predicateGiven: false);

    /// <summary>Expects a message of type <typeparamref name="T"/> for which <paramref name="isMessage"/> holds.</summary>
    public T ExpectMsg<T>(Predicate<T> isMessage, TimeSpan? timeout = null, string? hint = null) => ExpectMsg(isMessage, timeout, hint, predicateGiven: true);

    /// <summary>Expects a message equal to <paramref name="expected"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null)
    {
        TimeSpan max = timeout ?? RemainingOrDefault;
        if (!TryReceive(max, out ReceivedMessage received))
            throw Fail($"ExpectMsg: timeout ({Describe.Duration(max)}) waiting for {Describe.Message(expected)}; nothing arrived");
        if (received.Message is T typed && EqualityComparer<T>.Default.Equals(typed, expected))
            return typed;
        throw Fail($"ExpectMsg: expected {Describe.Message(expected)}, but got {received}");
    }

    /// <summary>Asynchronous <see cref="ExpectMsg{T}(Predicate{T}, TimeSpan?, string?)"/>, for tests that must not block their thread.</summary>
    public async Task<T> ExpectMsgAsync<T>(Predicate<T>? isMessage = null, TimeSpan? timeout = null, string? hint = null)
    {
        TimeSpan max = timeout ?? RemainingOrDefault;
        _lastWasNoMessage = false;
        ReceivedMessage? received = await _queue.TryTakeAsync(max).ConfigureAwait(false);
        if (received is { } taken)
            LastSender = taken.Sender;
        return CheckTyped(received, isMessage ?? (static _ => true), max, hint, predicateGiven: isMessage is not null);
    }

    /// <summary>Expects that no message arrives for <paramref name="duration"/>.</summary>
    public void ExpectNoMsg(TimeSpan? duration = null)
    {
        TimeSpan wait = duration ?? RemainingOr(DefaultNoMessageDuration);
        bool arrived = TryReceive(wait, out ReceivedMessage received);
        _lastWasNoMessage = true;
        if (arrived)
            throw Fail($"ExpectNoMsg: expected no message for {Describe.Duration(wait)}, but got {received}");
    }

    public async Task ExpectNoMsgAsync(TimeSpan? duration = null)
    {
        TimeSpan wait = duration ?? RemainingOr(DefaultNoMessageDuration);
        ReceivedMessage? arrived = await _queue.TryTakeAsync(wait).ConfigureAwait(false);
        _lastWasNoMessage = true;
        if (arrived is { } received)
        {
            LastSender = received.Sender;
            throw Fail($"ExpectNoMsg: expected no message for {Describe.Duration(wait)}, but got {received}");
        }
    }

    /// <summary>
    /// Expects exactly the given messages in any order (compared with <see cref="object.Equals(object)"/>);
    /// returns them in arrival order.
    /// </summary>
    public IReadOnlyList<T> ExpectMsgAllOf<T>(params T[] messages) => ExpectMsgAllOf(RemainingOrDefault, messages);

    public IReadOnlyList<T> ExpectMsgAllOf<T>(TimeSpan max, params T[] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        TimeSpan stop = Now + max;
        var received = new List<object>();
        var missing = new List<T>(messages);
        var unexpected = new List<object>();
        while (received.Count < messages.Length && TryReceive(stop - Now, out ReceivedMessage next))
        {
            received.Add(next.Message);
            int index = next.Message is T typed ? missing.FindIndex(m => EqualityComparer<T>.Default.Equals(m, typed)) : -1;
            if (index >= 0)
                missing.RemoveAt(index);
            else
                unexpected.Add(next.Message);
        }

        if (missing.Count > 0 || unexpected.Count > 0)
        {
            throw Fail($"ExpectMsgAllOf: expected [{string.Join(", ", messages.Select(m => Describe.Message(m)))}] within {Describe.Duration(max)}; "
                + $"received [{string.Join(", ", received.Select(Describe.Message))}]; missing [{string.Join(", ", missing.Select(m => Describe.Message(m)))}]; "
                + $"unexpected [{string.Join(", ", unexpected.Select(Describe.Message))}]");
        }

        return received.Cast<T>().ToList();
    }

    /// <summary>Expects the <see cref="Terminated"/> of <paramref name="target"/> (watch it first with <see cref="Watch"/>).</summary>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return ExpectMsg<Terminated>(t => t.ActorRef.Equals(target), timeout, $"Terminated of {target}");
    }

    public Task<Terminated> ExpectTerminatedAsync(IActorRef target, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return ExpectMsgAsync<Terminated>(t => t.ActorRef.Equals(target), timeout, $"Terminated of {target}");
    }

    /// <summary>
    /// Skips messages until one satisfies <paramref name="isMessage"/> and returns it; fails when none does
    /// within <paramref name="max"/>, listing what was skipped.
    /// </summary>
    public object FishForMessage(Predicate<object> isMessage, TimeSpan? max = null, string? hint = null) =>
        FishForMessage<object>(isMessage, max, hint);

    /// <summary>Skips messages until one is a <typeparamref name="T"/> satisfying <paramref name="isMessage"/>.</summary>
    public T FishForMessage<T>(Predicate<T> isMessage, TimeSpan? max = null, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(isMessage);
        TimeSpan limit = max ?? RemainingOrDefault;
        TimeSpan stop = Now + limit;
        var skipped = new List<object>();
        while (TryReceive(stop - Now, out ReceivedMessage received))
        {
            if (received.Message is T typed && isMessage(typed))
                return typed;
            skipped.Add(received.Message);
        }

        throw Fail($"FishForMessage<{typeof(T).Name}>: timeout ({Describe.Duration(limit)}) before a matching message arrived{Describe.Hint(hint)}; "
            + $"skipped [{string.Join(", ", skipped.Select(Describe.Message))}]");
    }

    /// <summary>
    /// Runs <paramref name="action"/> with every expectation inside bounded by what remains of
    /// <paramref name="max"/>, and fails if the block took longer than <paramref name="max"/>.
    /// </summary>
    public void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, action);

    /// <summary>As <see cref="Within(TimeSpan, Action)"/>, also failing if the block finished before <paramref name="min"/>.</summary>
    public void Within(TimeSpan min, TimeSpan max, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Within(min, max, () =>
        {
            action();
            return true;
        });
    }

    public T Within<T>(TimeSpan max, Func<T> function) => Within(TimeSpan.Zero, max, function);

    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        TimeSpan start = Now;
        TimeSpan bound = _end is { } outer && outer - start < max ? outer - start : max;
        TimeSpan? previous = _end;
        _end = start + bound;
        T result;
        try
        {
            result = function();
        }
        finally
        {
            _end = previous;
        }

        TimeSpan took = Now - start;
        if (took < min)
            throw Fail($"Within: the block took {Describe.Duration(took)}, less than the minimum {Describe.Duration(min)}");
        // A trailing ExpectNoMsg waits out the whole bound by design, so it cannot be held against it.
        if (took > bound && !_lastWasNoMessage)
            throw Fail($"Within: the block took {Describe.Duration(took)}, more than the maximum {Describe.Duration(bound)}");
        return result;
    }

    /// <summary>
    /// Retries <paramref name="assertion"/> every <paramref name="interval"/> (10 ms by default) until it
    /// passes; after <paramref name="duration"/> its last failure is thrown.
    /// </summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        TimeSpan stop = Now + (duration ?? RemainingOrDefault);
        TimeSpan pause = interval ?? TimeSpan.FromMilliseconds(10);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (Now + pause < stop)
            {
                Thread.Sleep(pause);
            }
        }
    }

    /// <summary>Asynchronous <see cref="AwaitAssert"/>.</summary>
    public async Task AwaitAssertAsync(Func<Task> assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        TimeSpan stop = Now + (duration ?? RemainingOrDefault);
        TimeSpan pause = interval ?? TimeSpan.FromMilliseconds(10);
        while (true)
        {
            try
            {
                await assertion().ConfigureAwait(false);
                return;
            }
            catch (Exception) when (Now + pause < stop)
            {
                await Task.Delay(pause).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Polls <paramref name="condition"/> until true; fails after <paramref name="duration"/>.</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? duration = null, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        TimeSpan limit = duration ?? RemainingOrDefault;
        TimeSpan stop = Now + limit;
        while (!condition())
        {
            if (Now >= stop)
                throw Fail($"AwaitCondition: the condition stayed false for {Describe.Duration(limit)}{Describe.Hint(hint)}");
            Thread.Sleep(10);
        }
    }

    internal static XunitException Fail(string message) => new(message);

    private T ExpectMsg<T>(Predicate<T> isMessage, TimeSpan? timeout, string? hint, bool predicateGiven)
    {
        ArgumentNullException.ThrowIfNull(isMessage);
        TimeSpan max = timeout ?? RemainingOrDefault;
        ReceivedMessage? received = TryReceive(max, out ReceivedMessage taken) ? taken : null;
        return CheckTyped(received, isMessage, max, hint, predicateGiven);
    }

    private static T CheckTyped<T>(ReceivedMessage? received, Predicate<T> isMessage, TimeSpan max, string? hint, bool predicateGiven)
    {
        string what = $"a message of type {typeof(T).Name}{(predicateGiven ? " matching the predicate" : "")}{Describe.Hint(hint)}";
        if (received is not { } message)
            throw Fail($"ExpectMsg<{typeof(T).Name}>: timeout ({Describe.Duration(max)}) waiting for {what}; nothing arrived");
        if (message.Message is T typed && isMessage(typed))
            return typed;
        throw Fail($"ExpectMsg<{typeof(T).Name}>: expected {what}, but got {message}");
    }

    private bool TryReceive(TimeSpan max, out ReceivedMessage received)
    {
        _lastWasNoMessage = false;
        if (!_queue.TryTake(max, out received))
            return false;
        LastSender = received.Sender;
        return true;
    }

    private TimeSpan RemainingOr(TimeSpan fallback)
    {
        if (_end is not { } end)
            return fallback;
        TimeSpan remaining = end - Now;
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }
}
