using RingKernel.Actors.Supervision;
using RingKernel.Actors.SystemMessages;

namespace RingKernel.Actors;

/// <summary>
/// Children of <see cref="ActorCell"/>. The container is guarded by a lock because the system creates
/// top-level actors under the guardian from any thread; everything else happens on the actor's thread.
/// A child's name stays taken until the child has fully stopped.
/// </summary>
internal sealed partial class ActorCell
{
    private readonly object _childrenLock = new();
    private Dictionary<string, ChildRestartStats>? _children;
    private HashSet<IActorRef>? _toDie;
    private ChildrenTerminationReason? _childrenTermination;
    private long _nextChildNumber;

    public IReadOnlyList<IActorRef> Children => ChildrenSnapshot();

    public IActorRef? Child(string name)
    {
        lock (_childrenLock)
            return _children is not null && _children.TryGetValue(name, out ChildRestartStats? stats) ? stats.Child : null;
    }

    public IActorRef ActorOf(Props props, string? name = null) => AttachChild(props, name);

    /// <summary>Creates a child cell and queues its Create; callable from any thread.</summary>
    internal IActorRef AttachChild(Props props, string? name)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is null)
            name = "$" + Base64Name(Interlocked.Increment(ref _nextChildNumber));
        else
            ActorNames.Validate(name);

        ActorCell child;
        lock (_childrenLock)
        {
            if (_isTerminating)
                throw new InvalidOperationException($"{Path} is stopping and cannot create the child '{name}'.");
            _children ??= new Dictionary<string, ChildRestartStats>(StringComparer.Ordinal);
            if (_children.ContainsKey(name))
                throw new InvalidActorNameException($"The name '{name}' is already taken by a live child of {Path}.");
            child = new ActorCell(_system, props, _self, Path.Child(name));
            _children.Add(name, new ChildRestartStats(child.Self, _system.TimeProvider));
        }

        child.Start();
        return child.Self;
    }

    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is not IInternalActorRef target)
            throw new ArgumentException($"{actor} is not an actor of this runtime.", nameof(actor));
        lock (_childrenLock)
        {
            if (IsChildLocked(actor))
                (_toDie ??= []).Add(actor);
        }

        target.SendSystemMessage(new Terminate());
    }

    private bool IsChildLocked(IActorRef actor) =>
        _children is not null && _children.TryGetValue(actor.Path.Name, out ChildRestartStats? stats) && stats.Child.Equals(actor);

    private ChildRestartStats? ChildStats(IActorRef actor)
    {
        lock (_childrenLock)
            return IsChildLocked(actor) ? _children![actor.Path.Name] : null;
    }

    private ChildRestartStats[] AllChildStats()
    {
        lock (_childrenLock)
            return _children is not { Count: > 0 } ? Array.Empty<ChildRestartStats>() : [.. _children.Values];
    }

    private IActorRef[] ChildrenSnapshot()
    {
        lock (_childrenLock)
            return ChildrenSnapshotLocked();
    }

    private IActorRef[] ChildrenSnapshotLocked() =>
        _children is not { Count: > 0 } ? Array.Empty<IActorRef>() : _children.Values.Select(s => s.Child).ToArray();

    private void StopAllChildren()
    {
        foreach (IActorRef child in ChildrenSnapshot())
            Stop(child);
    }

    /// <summary>Remembers what to finish once the children told to stop are gone; false when none are stopping.</summary>
    private bool SetChildrenTerminationReason(ChildrenTerminationReason reason)
    {
        lock (_childrenLock)
        {
            if (_toDie is not { Count: > 0 })
                return false;
            _childrenTermination = reason;
            return true;
        }
    }

    private void HandleChildTerminated(IActorRef child)
    {
        ChildrenTerminationReason? finish = null;
        lock (_childrenLock)
        {
            if (IsChildLocked(child))
                _children!.Remove(child.Path.Name);
            _toDie?.Remove(child);
            if (_childrenTermination is not null && _toDie is not { Count: > 0 })
            {
                finish = _childrenTermination;
                if (finish.Kind != ChildrenTerminationKind.Termination)
                    _childrenTermination = null;
            }
        }

        switch (finish?.Kind)
        {
            case ChildrenTerminationKind.Creation:
                FinishCreate();
                break;
            case ChildrenTerminationKind.Recreation:
                FinishRecreate(finish.Cause!);
                break;
            case ChildrenTerminationKind.Termination:
                FinishTerminate();
                break;
        }
    }

    private void SuspendChildren(IActorRef? except)
    {
        foreach (IActorRef child in ChildrenSnapshot())
        {
            if (!child.Equals(except))
                ((IInternalActorRef)child).SendSystemMessage(new Suspend());
        }
    }

    private void ResumeChildren(Exception? causedByFailure, IActorRef? perpetrator)
    {
        foreach (IActorRef child in ChildrenSnapshot())
            ((IInternalActorRef)child).SendSystemMessage(new Resume(child.Equals(perpetrator) ? causedByFailure : null));
    }

    private static string Base64Name(long number)
    {
        const string digits = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+~";
        Span<char> text = stackalloc char[11];
        int length = 0;
        do
        {
            text[length++] = digits[(int)(number & 63)];
            number >>= 6;
        }
        while (number != 0);
        return new string(text[..length]);
    }
}
