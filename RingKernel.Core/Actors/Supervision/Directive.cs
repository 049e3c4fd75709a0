namespace RingKernel.Actors.Supervision;

/// <summary>
/// What a supervisor does with a failed child. The message that was being processed when the child
/// failed is never processed again, whatever the directive.
/// </summary>
public enum Directive
{
    /// <summary>
    /// Keep the actor instance and its state and continue with the next queued message. The failing
    /// message is dropped. The actor's children are resumed too.
    /// </summary>
    Resume,

    /// <summary>
    /// Replace the instance: <c>PreRestart</c> on the old one (by default: stop the children, then
    /// <c>PostStop</c>), a new instance from the actor's <see cref="Props"/>, <c>PostRestart</c> on it
    /// (by default: <c>PreStart</c>). The failing message is dropped; messages queued behind it stay in
    /// the mailbox and are processed by the new instance. Watchers and the handle are unaffected.
    /// </summary>
    Restart,

    /// <summary>
    /// Stop the actor: its children stop first, then <c>PostStop</c> runs; the failing message is dropped
    /// and every message still queued, or told later, goes to dead letters. Watchers get
    /// <see cref="Terminated"/>.
    /// </summary>
    Stop,

    /// <summary>
    /// Fail the supervisor itself with the same exception, so the supervisor's own parent decides. The
    /// child stays suspended until then: it is resumed if the supervisor is resumed, and stopped if the
    /// supervisor is restarted (default <c>PreRestart</c>) or stopped.
    /// </summary>
    Escalate,
}
