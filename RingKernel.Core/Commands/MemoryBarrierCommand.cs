namespace RingKernel.Commands;

/// <summary>
/// Makes every write of the commands before it visible to the commands after it and to other
/// agents (a full fence on the CPU, a pipeline memory barrier on Vulkan).
/// </summary>
public sealed class MemoryBarrierCommand : QueueCommand
{
    public static MemoryBarrierCommand Instance { get; } = new();

    private MemoryBarrierCommand()
    {
    }

    public override string ToString() => "MemoryBarrier";
}
