namespace RingKernel.Actors.Behaviors;

/// <summary>A <c>ReceiveAny</c> handler: takes whatever reaches it.</summary>
internal sealed class AnyMessageHandler(Action<object> handler) : MessageHandler
{
    public override bool Accepts(Type messageType) => true;

    public override bool TryHandle(object message)
    {
        handler(message);
        return true;
    }
}
