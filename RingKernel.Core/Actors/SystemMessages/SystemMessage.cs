namespace RingKernel.Actors.SystemMessages;

/// <summary>
/// A message about an actor's life rather than its work (create, suspend, resume, recreate, terminate,
/// watch, failure). System messages travel in their own queue, which the actor drains before every user
/// message and even while its user mailbox is suspended. Each instance is sent to exactly one actor:
/// <see cref="Next"/> links it into that actor's queue.
/// </summary>
internal abstract class SystemMessage
{
    internal SystemMessage? Next;
}
