namespace RingKernel.Actors;

/// <summary>Why an actor is waiting for children it told to stop: what it does once the last one has.</summary>
internal sealed class ChildrenTerminationReason
{
    private ChildrenTerminationReason(ChildrenTerminationKind kind, Exception? cause)
    {
        Kind = kind;
        Cause = cause;
    }

    public static ChildrenTerminationReason Creation { get; } = new(ChildrenTerminationKind.Creation, null);

    public static ChildrenTerminationReason Termination { get; } = new(ChildrenTerminationKind.Termination, null);

    public ChildrenTerminationKind Kind { get; }

    /// <summary>The failure being recovered from, for <see cref="ChildrenTerminationKind.Recreation"/>.</summary>
    public Exception? Cause { get; }

    public static ChildrenTerminationReason Recreation(Exception cause) => new(ChildrenTerminationKind.Recreation, cause);
}
