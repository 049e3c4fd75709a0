using System.Runtime.CompilerServices;

namespace RingKernel.Actors.Behaviors;

/// <summary>
/// A behaviour built from typed handlers: a message goes to the first handler, in registration order,
/// whose type accepts it and whose predicate passes. The handlers that accept a concrete message type are
/// looked up once per type and cached, with a one-entry cache in front for the common case of a run of
/// messages of one type, so dispatch does not allocate.
/// </summary>
internal sealed class MessageHandlerTable
{
    private readonly List<MessageHandler> _handlers = [];
    private Dictionary<Type, MessageHandler[]>? _byType;
    private Type? _lastType;
    private MessageHandler[] _lastCandidates = [];

    public bool IsSealed { get; private set; }

    public void Add(MessageHandler handler)
    {
        if (IsSealed)
            throw new InvalidOperationException(
                "Receive<T> handlers can only be registered in the actor's constructor or in a Become(...) configuration.");
        _handlers.Add(handler);
    }

    /// <summary>Ends registration; the first message seals the table anyway.</summary>
    public void Seal() => IsSealed = true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryHandle(object message)
    {
        Type type = message.GetType();
        MessageHandler[] candidates = ReferenceEquals(type, _lastType) ? _lastCandidates : Candidates(type);
        for (int i = 0; i < candidates.Length; i++)
        {
            if (candidates[i].TryHandle(message))
                return true;
        }

        return false;
    }

    private MessageHandler[] Candidates(Type type)
    {
        IsSealed = true;
        MessageHandler[]? candidates = null;
        if (_lastType is not null)
        {
            // A second type: from now on remember every type seen (the first one too).
            _byType ??= new Dictionary<Type, MessageHandler[]> { [_lastType] = _lastCandidates };
            _byType.TryGetValue(type, out candidates);
        }

        if (candidates is null)
        {
            candidates = Accepting(type);
            _byType?.Add(type, candidates);
        }

        _lastType = type;
        _lastCandidates = candidates;
        return candidates;
    }

    private MessageHandler[] Accepting(Type type)
    {
        int count = 0;
        foreach (MessageHandler handler in _handlers)
        {
            if (handler.Accepts(type))
                count++;
        }

        if (count == 0)
            return [];
        var accepting = new MessageHandler[count];
        count = 0;
        foreach (MessageHandler handler in _handlers)
        {
            if (handler.Accepts(type))
                accepting[count++] = handler;
        }

        return accepting;
    }
}
