using RingKernel.Actors.Events;
using RingKernel.Actors.Guardians;
using RingKernel.Actors.Scheduling;
using RingKernel.Actors.Supervision;
using RingKernel.Actors.SystemMessages;

namespace RingKernel.Actors;

/// <summary>
/// A hierarchy of actors and the services they share: scheduler, event stream, dead letters. Top-level
/// actors live under <c>/user</c>. <see cref="Terminate"/> stops everything in order (every actor's
/// children before the actor, each <c>PostStop</c> run, the runtime's own actors last) and
/// <see cref="WhenTerminated"/> completes once all of it is done.
/// </summary>
public sealed class ActorSystem : IAsyncDisposable
{
    internal const string UserGuardianName = "user";
    internal const string SystemGuardianName = "system";

    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimerScheduler _scheduler;
    private readonly DeadLetterActorRef _deadLetters;
    private readonly ActorCell _root;
    private readonly ActorCell _userGuardian;
    private readonly ActorCell _systemGuardian;
    private readonly IDisposable? _standardOutLogger;
    private long _tempNumber;

    private ActorSystem(string name, ActorSystemSettings settings)
    {
        Name = name;
        Settings = settings;
        EventStream = new EventStream();
        _standardOutLogger = StandardOutLogger.Attach(EventStream, settings.StandardOutLogLevel);
        Log = new LoggingAdapter(this, $"ActorSystem({name})", typeof(ActorSystem));
        _scheduler = new TimerScheduler(settings.TimeProvider, e => Log.Error(e, "A scheduled action threw."));
        _deadLetters = new DeadLetterActorRef(this);

        var rootParent = new RootParentRef(this, OnRootTerminated);
        _root = new ActorCell(this, Props.Create(() => new RootGuardian()), rootParent, ActorPath.Root(name));
        rootParent.Attach(_root.SelfRef);
        _userGuardian = ((LocalActorRef)_root.AttachChild(
            Props.Create(() => new GuardianActor(settings.GuardianSupervisorStrategy)), UserGuardianName)).Cell;
        _systemGuardian = ((LocalActorRef)_root.AttachChild(
            Props.Create(() => new GuardianActor(SupervisorStrategy.DefaultStrategy)), SystemGuardianName)).Cell;
        _root.Start();
    }

    /// <summary>Creates and starts a system.</summary>
    public static ActorSystem Create(string name, ActorSystemSettings? settings = null)
    {
        ActorNames.ValidateSystemName(name);
        settings ??= ActorSystemSettings.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Throughput, 1, nameof(settings.Throughput));
        ArgumentNullException.ThrowIfNull(settings.TimeProvider, nameof(settings.TimeProvider));
        ArgumentNullException.ThrowIfNull(settings.GuardianSupervisorStrategy, nameof(settings.GuardianSupervisorStrategy));
        return new ActorSystem(name, settings);
    }

    public string Name { get; }

    public ActorSystemSettings Settings { get; }

    public TimeProvider TimeProvider => Settings.TimeProvider;

    public IScheduler Scheduler => _scheduler;

    public EventStream EventStream { get; }

    /// <summary>Publishes log events with the system as their source.</summary>
    public LoggingAdapter Log { get; }

    /// <summary>Whatever is told to this handle is published as a <see cref="DeadLetter"/>.</summary>
    public IActorRef DeadLetters => _deadLetters;

    /// <summary>Completes when the system has fully terminated.</summary>
    public Task WhenTerminated => _terminated.Task;

    /// <summary>Creates a top-level actor under <c>/user</c>; throws once termination has begun.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => _userGuardian.AttachChild(props, name);

    public IActorRef ActorOf<TActor>(string? name = null)
        where TActor : ActorBase, new() => ActorOf(Props.Create<TActor>(), name);

    /// <summary>Creates an actor under <c>/system</c>, for infrastructure that must outlive the application's actors.</summary>
    public IActorRef SystemActorOf(Props props, string? name = null) => _systemGuardian.AttachChild(props, name);

    /// <summary>Stops <paramref name="actor"/> asynchronously (its children first, then its <c>PostStop</c>).</summary>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is not IInternalActorRef target || target.System != this)
            throw new ArgumentException($"{actor} is not an actor of {this}.", nameof(actor));
        target.SendSystemMessage(new Terminate());
    }

    /// <summary>Starts the orderly shutdown (idempotent) and returns <see cref="WhenTerminated"/>.</summary>
    public Task Terminate()
    {
        _userGuardian.SelfRef.SendSystemMessage(new Terminate());
        return WhenTerminated;
    }

    public async ValueTask DisposeAsync() => await Terminate().ConfigureAwait(false);

    public override string ToString() => $"ActorSystem({Name})";

    internal void PublishDeadLetter(object message, IActorRef? sender, IActorRef recipient) =>
        EventStream.Publish(new DeadLetter(message, sender ?? ActorRefs.Nobody, recipient));

    internal ActorPath NewTempPath() =>
        ActorPath.Root(Name).Child("temp").Child("$" + Interlocked.Increment(ref _tempNumber).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private void OnRootTerminated()
    {
        _scheduler.Close();
        _standardOutLogger?.Dispose();
        _terminated.TrySetResult();
    }
}
