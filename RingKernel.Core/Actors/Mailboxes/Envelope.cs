namespace RingKernel.Actors.Mailboxes;

/// <summary>
/// A queued user message and its sender, stored inline in a mailbox slot (a struct, so the mailbox
/// allocates nothing per message). <see cref="Sequence"/> is the slot's lap counter: it says whether
/// the slot is free for the producer at a position or published for the consumer.
/// </summary>
internal struct Envelope
{
    public object? Message;
    public IActorRef? Sender;
    public long Sequence;
}
