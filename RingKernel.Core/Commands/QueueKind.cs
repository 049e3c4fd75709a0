namespace RingKernel.Commands;

/// <summary>What a command queue can run, as on a GPU's queue families.</summary>
public enum QueueKind
{
    /// <summary>Runs every command: kernel dispatches, copies, waits, signals and barriers.</summary>
    Compute,
    /// <summary>A transfer queue: copies, waits, signals and barriers, no kernel dispatch.</summary>
    Copy,
}
