namespace RingKernel.Actors;

/// <summary>What an actor finishes once its stopping children are gone.</summary>
internal enum ChildrenTerminationKind
{
    /// <summary>Create the instance again (after a failed creation).</summary>
    Creation,

    /// <summary>Complete a restart.</summary>
    Recreation,

    /// <summary>Complete the actor's own stop.</summary>
    Termination,
}
