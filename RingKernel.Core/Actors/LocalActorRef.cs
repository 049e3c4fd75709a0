using RingKernel.Actors.SystemMessages;

namespace RingKernel.Actors;

/// <summary>The handle of an actor in this process: a thin wrapper over its cell.</summary>
internal sealed class LocalActorRef(ActorCell cell) : IInternalActorRef
{
    internal ActorCell Cell { get; } = cell;

    public ActorPath Path => Cell.Path;

    public bool IsTerminated => Cell.IsTerminated;

    public ActorSystem System => Cell.System;

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.Post(message, sender);
    }

    public void SendSystemMessage(SystemMessage message) => Cell.PostSystem(message);

    public override string ToString() => $"[{Path}]";
}
