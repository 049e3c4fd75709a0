using RingKernel.Actors.SystemMessages;

namespace RingKernel.Actors;

/// <summary>The runtime's view of a handle: it can also take system messages and say whether it is dead.</summary>
internal interface IInternalActorRef : IActorRef
{
    bool IsTerminated { get; }

    ActorSystem System { get; }

    void SendSystemMessage(SystemMessage message);
}
