namespace RingKernel.Rings;

/// <summary>Processes messages handed out by <see cref="MessageRing.Drain{THandler}"/>; a struct implementation is called without indirection.</summary>
public interface IMessageHandler
{
    /// <summary>Processes one validated message; it is valid only during the call and is released after the call returns.</summary>
    void Handle(RingMessage message);
}
