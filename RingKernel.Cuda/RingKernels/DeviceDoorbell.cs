using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using RingKernel.Rings;

namespace RingKernel.Cuda.RingKernels;

/// <summary>
/// Rings host wake-ups for a kernel that runs on the device. Host waiters park on host signals
/// (a ring's readable and free-slot signals, the command acknowledgement), which a device cannot
/// pulse; this watches the words the kernel writes (the output ring's tail, the input ring's head,
/// the acknowledged epoch) and wakes the waiters of the ring or command whose word moved.
/// </summary>
internal sealed unsafe class DeviceDoorbell
{
    private readonly RingHeader* _input;
    private readonly RingHeader* _output;
    private readonly ControlBlock* _control;
    private readonly SlotRing _inputRing;
    private readonly SlotRing _outputRing;
    private readonly RingKernelCommands _commands;
    private ulong _inputHead;
    private ulong _outputTail;
    private uint _acknowledged;

    public DeviceDoorbell(RingKernelMemory memory, RingKernelCommands commands)
    {
        _input = (RingHeader*)memory.Input.Ring.Buffer.HostPointer;
        _output = (RingHeader*)memory.Output.Ring.Buffer.HostPointer;
        _control = memory.ControlBlockPointer;
        _inputRing = memory.Input.Ring;
        _outputRing = memory.Output.Ring;
        _commands = commands;
        _inputHead = Volatile.Read(ref _input->Head);
        _outputTail = Volatile.Read(ref _output->Tail);
        _acknowledged = Volatile.Read(ref _control->AcknowledgedEpoch);
    }

    /// <summary>Wakes the waiters of every word that moved since the last poll; true when any did.</summary>
    public bool Poll()
    {
        bool moved = false;
        ulong tail = Volatile.Read(ref _output->Tail);
        if (tail != _outputTail)
        {
            _outputTail = tail;
            _outputRing.WakeWaitersAfterDeviceProgress();
            moved = true;
        }

        ulong head = Volatile.Read(ref _input->Head);
        if (head != _inputHead)
        {
            _inputHead = head;
            _inputRing.WakeWaitersAfterDeviceProgress();
            moved = true;
        }

        uint acknowledged = Volatile.Read(ref _control->AcknowledgedEpoch);
        if (acknowledged != _acknowledged)
        {
            _acknowledged = acknowledged;
            _commands.WakeWaiters();
            moved = true;
        }

        return moved;
    }

    /// <summary>The kernel has ended: wakes every waiter once more, so none waits for a word that will not move.</summary>
    public void Finish()
    {
        Poll();
        _outputRing.WakeWaitersAfterDeviceProgress();
        _inputRing.WakeWaitersAfterDeviceProgress();
        _commands.WakeWaiters();
    }
}
