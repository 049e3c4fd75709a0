namespace RingKernel.Cpu.RingKernels;

/// <summary>How one slice of a cooperative ring kernel ended.</summary>
internal enum SliceOutcome
{
    /// <summary>It waits for a resume (a doorbell, room in its output ring), which wakes it.</summary>
    Waiting,

    /// <summary>It waits for a message or command, armed on its input ring: the arming holds only from its worker's next process-wide barrier on.</summary>
    WaitingForInput,

    /// <summary>It has ended and never runs again.</summary>
    Ended,
}
