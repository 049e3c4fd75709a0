namespace RingKernel.Cpu.Kernels;

/// <summary>What a non-waiting receive found: a message in hand, nothing to do yet, or the order to terminate.</summary>
internal enum ReceiveOutcome
{
    Empty,
    Message,
    Terminate,
}
