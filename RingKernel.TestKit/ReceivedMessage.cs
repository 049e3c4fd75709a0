using RingKernel.Actors;

namespace RingKernel.TestKit;

/// <summary>A message a test actor received, with its sender.</summary>
public readonly record struct ReceivedMessage(object Message, IActorRef Sender)
{
    public override string ToString() => $"{Describe.Message(Message)} from {Sender}";
}
