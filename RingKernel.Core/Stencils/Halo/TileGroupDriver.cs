using System.Runtime.CompilerServices;
using RingKernel.Kernels;
using RingKernel.Kernels.Driven;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using RingKernel.Rings;

namespace RingKernel.Stencils.Halo;

/// <summary>
/// The tile kernel of a group whose tiles run as device launches the host issues one after another
/// (every tile a workgroup of a Vulkan or Metal dispatch, a block of a CUDA launch), run by a
/// <see cref="DrivenRingKernel"/>'s driver thread: it does on the host what a ring kernel does on the
/// device (acknowledges the host's commands, takes each <see cref="TileCommand"/> from the input ring,
/// answers with the group's <see cref="TileProgress"/>, commits, counts and beats), and carries out
/// each command with the group's launches. A command that fails (a halo fault the device found) stays
/// first in the input ring and faults the kernel.
/// </summary>
public sealed unsafe class TileGroupDriver(RingKernelMemory memory, TileGroup group) : IKernelDriver
{
    private static readonly LaunchOptions Options = new(new Dim3(1), new Dim3(1)) { InputRingCapacity = 16, OutputRingCapacity = 16 };

    /// <summary>A backend's <see cref="ITiledStencilBackend.TileKernel"/> when its groups launch their tiles from the host: a <see cref="DriverBody{TArgs}"/> over this driver, named <paramref name="name"/>.</summary>
    public static KernelDefinition<TileGroup> Kernel(string name) =>
        new KernelDefinition<TileGroup>(name, Options).WithBody(new DriverBody<TileGroup>(static (memory, group) => new TileGroupDriver(memory, group)));

    public void Run(Action? whileRunning)
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
                throw new InvalidOperationException($"The group of tile {group.FirstTile} waited for a halo; its launches exchange every halo they need.");
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
