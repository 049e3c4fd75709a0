using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using RingKernel.Layouts;
using RingKernel.Rings;

namespace RingKernel.Kernels.Persistent;

/// <summary>
/// The command words in a ring kernel's <see cref="ControlBlock"/>: the host writes
/// <see cref="ControlBlock.Command"/> and then <see cref="ControlBlock.CommandEpoch"/>, wakes a
/// parked kernel, and waits until the kernel writes the epoch back to
/// <see cref="ControlBlock.AcknowledgedEpoch"/>.
/// </summary>
/// <remarks>
/// <para>A backend sees the kernel's side through <see cref="RingKernelBase.Commands"/>: its loop reads
/// <see cref="Epoch"/> and <see cref="Command"/>, acts, and calls <see cref="Acknowledge"/>; a loop that
/// runs on a device writes the acknowledgement itself, and its driver calls <see cref="WakeWaiters"/>
/// when it sees the word move. Posting and awaiting are the host's, done by <see cref="RingKernelBase"/>.</para>
/// <para>A parked kernel waits on <see cref="PostedToken"/>, taken before it checks the epoch. A post
/// installs a fresh token before cancelling the old one, so a post between the kernel's check and
/// its wait cancels the very token it waits on: no command is missed.</para>
/// </remarks>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "Its token sources have no timers, hold no unmanaged resources, and may still be read by the kernel thread.")]
public sealed class RingKernelCommands
{
    private readonly unsafe ControlBlock* _control;
    private readonly Lock _lock = new();
    private readonly RingWakeSignal _acknowledged = new();
    private readonly CancellationTokenSource _terminating = new();
    private CancellationTokenSource _posted = new();

    internal unsafe RingKernelCommands(RingKernelMemory memory) => _control = memory.ControlBlockPointer;

    /// <summary>Cancelled at the next post.</summary>
    public CancellationToken PostedToken => Volatile.Read(ref _posted).Token;

    /// <summary>Cancelled when terminate is posted to this kernel instance.</summary>
    public CancellationToken TerminatingToken => _terminating.Token;

    /// <summary>The epoch of the latest command posted.</summary>
    public unsafe uint Epoch => Volatile.Read(ref _control->CommandEpoch);

    /// <summary>The epoch of the latest command the kernel acted on.</summary>
    public unsafe uint AcknowledgedEpoch => Volatile.Read(ref _control->AcknowledgedEpoch);

    /// <summary>The latest command posted; read it after <see cref="Epoch"/>.</summary>
    public unsafe KernelCommand Command => (KernelCommand)Volatile.Read(ref Unsafe.As<KernelCommand, uint>(ref _control->Command));

    /// <summary>Writes <paramref name="command"/>, advances the epoch, wakes the kernel; returns the new epoch.</summary>
    internal unsafe uint Post(KernelCommand command)
    {
        CancellationTokenSource previous;
        uint epoch;
        lock (_lock)
        {
            ref ControlBlock control = ref *_control;
            Volatile.Write(ref Unsafe.As<KernelCommand, uint>(ref control.Command), (uint)command);
            epoch = control.CommandEpoch + 1;
            Volatile.Write(ref control.CommandEpoch, epoch);
            previous = Interlocked.Exchange(ref _posted, new CancellationTokenSource());
        }

        // Not disposed: the kernel may still be registering on its token, and a source without a timer holds nothing to free.
        previous.Cancel();
        if ((command & KernelCommand.Terminate) != 0)
            _terminating.Cancel();
        return epoch;
    }

    /// <summary>Kernel side: records that it acted on <paramref name="epoch"/> and wakes waiting hosts.</summary>
    public unsafe void Acknowledge(uint epoch)
    {
        Volatile.Write(ref _control->AcknowledgedEpoch, epoch);
        _acknowledged.Pulse();
    }

    /// <summary>Wakes waiting hosts without acknowledging (the kernel stopped).</summary>
    public void WakeWaiters() => _acknowledged.Pulse();

    /// <summary>Completes when the kernel has acknowledged <paramref name="epoch"/> or has stopped (<paramref name="kernelStopped"/> completed).</summary>
    internal async Task WaitForAcknowledgementAsync(uint epoch, Task kernelStopped, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wake = _acknowledged.WaitTask();
            if ((int)(AcknowledgedEpoch - epoch) >= 0 || kernelStopped.IsCompleted)
                return;
            await Task.WhenAny(wake, kernelStopped).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
