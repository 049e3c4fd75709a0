using System.Runtime.CompilerServices;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using RingKernel.Rings;
using RingKernel.Stencils.Halo;
using RingKernel.Vulkan.RingKernels;

namespace RingKernel.Vulkan.Halo;

/// <summary>
/// The tile kernel of a <see cref="ShaderTileGroup"/>, run by its ring kernel's driver thread: it
/// does on the host what a ring kernel shader does on the device (acknowledges the host's commands,
/// takes each <see cref="TileCommand"/> from the input ring, answers with the group's
/// <see cref="TileProgress"/>, commits, counts and beats), and carries out each command with the
/// group's dispatches. A command that fails (a halo fault found by the shader) stays first in the
/// input ring and faults the kernel, as a shader's error code does.
/// </summary>
internal sealed unsafe class TileGroupDispatcher(RingKernelMemory memory, TileGroup group) : IRingKernelDispatcher
{
    public void Run(in RingKernelDispatchArguments arguments, Action? whileRunning)
    {
        ref ControlBlock control = ref memory.ControlBlock;
        uint epoch = Volatile.Read(ref control.CommandEpoch);
        var command = (KernelCommand)Volatile.Read(ref Unsafe.As<KernelCommand, uint>(ref control.Command));
        if ((command & KernelCommand.Terminate) != 0)
            return;
        bool active = (command & KernelCommand.Active) != 0;
        if (epoch != Volatile.Read(ref control.AcknowledgedEpoch))
        {
            Volatile.Write(ref Unsafe.As<KernelStatus, uint>(ref control.Status), (uint)(active ? KernelStatus.Running : KernelStatus.Idle));
            Volatile.Write(ref control.AcknowledgedEpoch, epoch);
        }

        while (active)
        {
            byte* slot = memory.Input.PeekUncommitted(0, out MessageRejectedException? rejection);
            if (slot == null)
                return;
            if (rejection is null)
                CarryOut(new RingMessage(slot, memory.Input.Types), ref control);
            else
                ReportError(ref control, KernelErrorCodes.RejectedMessage);
            memory.Input.Commit(1);
            Volatile.Write(ref control.MessagesProcessed, control.MessagesProcessed + 1);
            Volatile.Write(ref control.Heartbeat, control.Heartbeat + 1);
        }
    }

    public void Dispose()
    {
    }

    private static void ReportError(ref ControlBlock control, uint code)
    {
        Volatile.Write(ref control.LastError, code);
        Volatile.Write(ref control.ErrorCount, control.ErrorCount + 1);
    }

    private void CarryOut(RingMessage message, ref ControlBlock control)
    {
        MessageHeader request = message.Header;
        try
        {
            if (!group.TryCarryOut(message.Get<TileCommand>()))
                throw new InvalidOperationException($"The group of tile {group.FirstTile} waited for a halo; its dispatches exchange every halo they need.");
        }
        catch (Exception fault)
        {
            ReportError(ref control, KernelErrorCodes.BodyFault);
            throw new MessageFaultedException(fault);
        }

        var reply = new MessageHeader
        {
            MessageId = control.MessagesSent + 1,
            SourceId = control.KernelId,
            CorrelationId = request.CorrelationId,
            DestinationId = request.SourceId,
            Flags = MessageFlags.Reply,
        };
        memory.Output.Enqueue(group.Progress, reply);
        Volatile.Write(ref control.MessagesSent, control.MessagesSent + 1);
    }
}
