using RingKernel.Actors.Behaviors;

namespace RingKernel.Actors;

/// <summary>
/// An actor whose behaviour is a set of typed handlers registered in its constructor:
/// <c>Receive&lt;Order&gt;(o =&gt; ...)</c>. A message goes to the first registered handler whose type
/// matches and whose predicate (if any) passes; nothing matching means <c>Unhandled</c>.
/// <see cref="Become(Action)"/> switches to a new set of handlers registered inside its argument.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly MessageHandlerTable _initial = new();
    private MessageHandlerTable? _configuring;

    /// <summary>Handles messages of type <typeparamref name="T"/> (and subtypes) for which <paramref name="shouldHandle"/> is true or absent.</summary>
    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Target().Add(new TypedMessageHandler<T>(handler, shouldHandle));
    }

    /// <summary>Handles messages of type <typeparamref name="T"/> for which <paramref name="shouldHandle"/> is true.</summary>
    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(shouldHandle);
        Receive(handler, shouldHandle);
    }

    /// <summary>Handles any message not taken by an earlier handler.</summary>
    protected void ReceiveAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Target().Add(new AnyMessageHandler(handler));
    }

    /// <summary>Replaces the current behaviour with the handlers <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure) => Context.Become(Build(configure).TryHandle);

    /// <summary>Pushes the handlers <paramref name="configure"/> registers; <see cref="UnbecomeStacked"/> returns to the previous ones.</summary>
    protected void BecomeStacked(Action configure) => Context.BecomeStacked(Build(configure).TryHandle);

    protected void UnbecomeStacked() => Context.Unbecome();

    protected sealed override bool Receive(object message) => _initial.TryHandle(message);

    private protected override void OnCreated() => _initial.Seal();

    private MessageHandlerTable Target() =>
        _configuring ?? (_initial.IsSealed
            ? throw new InvalidOperationException(
                "Receive<T> handlers can only be registered in the actor's constructor or in a Become(...) configuration.")
            : _initial);

    private MessageHandlerTable Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var table = new MessageHandlerTable();
        MessageHandlerTable? outer = _configuring;
        _configuring = table;
        try
        {
            configure();
        }
        finally
        {
            _configuring = outer;
        }

        table.Seal();
        return table;
    }
}
