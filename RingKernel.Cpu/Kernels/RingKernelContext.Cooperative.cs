using RingKernel.Kernels.Persistent;
using RingKernel.Rings;

namespace RingKernel.Cpu.Kernels;

// The cooperative side of RingKernelContext: resumable bodies, and waiting for work without
// holding a thread (a kernel on the CPU backend's shared workers).
public sealed unsafe partial class RingKernelContext
{
    private Action? _resume;
    private Action? _armedWake;
    private bool _armedOnInput;
    private CancellationTokenRegistration _postedWake;

    /// <summary>
    /// Asks the backend to call the kernel's <see cref="CpuResumableBody{TArgs}"/> again with the
    /// message in hand; safe from any thread, at any time (a resume for a kernel that is not waiting
    /// makes at most one extra call). Kernels with other bodies ignore it.
    /// </summary>
    public void Resume() => Volatile.Read(ref _resume)?.Invoke();

    /// <summary>Set by the backend that runs a resumable body: what <see cref="Resume"/> does.</summary>
    internal void OnResume(Action resume) => Volatile.Write(ref _resume, resume);

    /// <summary>
    /// <see cref="Receive"/> without waiting: applies pending commands and takes the next message if
    /// there is one (skipping invalid ones).
    /// </summary>
    /// <exception cref="InvalidOperationException">The previous message was not completed.</exception>
    internal ReceiveOutcome TryReceive()
    {
        if (_slot != null)
            throw new InvalidOperationException($"Ring kernel '{KernelName}' must complete its message before receiving the next.");

        while (true)
        {
            if (_commands.Epoch != _acknowledged && !ApplyCommand())
                return ReceiveOutcome.Terminate;
            if (!_active)
                return ReceiveOutcome.Empty;
            byte* slot = _input.PeekUncommitted(_completed, out MessageRejectedException? rejection);
            if (slot == null)
                return ReceiveOutcome.Empty;
            if (rejection is null)
            {
                _slot = slot;
                return ReceiveOutcome.Message;
            }

            ReportError(KernelErrorCodes.RejectedMessage);
            MarkCompleted();
        }
    }

    /// <summary>
    /// The cooperative form of waiting for work, for a kernel that runs on shared workers: commits,
    /// then arranges for <paramref name="wake"/> to be called, on the thread that publishes the next
    /// message (while active) or posts the next command, and returns true; or returns false,
    /// arranging nothing, when one may have arrived already. <see cref="DisarmWake"/> ends the
    /// arrangement (call it when the kernel runs again, whatever woke it). The wake-up on the input
    /// ring holds only from the caller's next process-wide barrier on, after which the caller checks
    /// <see cref="InputMissedWhileArmed"/> (see <see cref="SlotRing.TryArmReadable"/>).
    /// </summary>
    internal bool TryArmWake(Action wake)
    {
        Flush();
        CancellationToken posted = _commands.PostedToken;
        if (_commands.Epoch != _acknowledged)
            return false;
        _postedWake = posted.UnsafeRegister(static state => ((Action)state!).Invoke(), wake);
        _armedWake = wake;
        if (_active && !_input.TryArmReadable(wake))
        {
            _postedWake.Unregister();
            _armedWake = null;
            return false;
        }

        Volatile.Write(ref _armedOnInput, _active);
        return true;
    }

    /// <summary>
    /// Called after a process-wide barrier that follows a <see cref="TryArmWake"/> that returned true:
    /// whether the input ring holds a message whose producer may have published it without seeing the
    /// armed wake-up, so the caller must wake the kernel itself. Any thread; a stale true costs a
    /// spurious wake-up only.
    /// </summary>
    internal bool InputMissedWhileArmed => Volatile.Read(ref _armedOnInput) && _input.Ring.Count > 0;

    /// <summary>Ends what <see cref="TryArmWake"/> arranged, if anything.</summary>
    internal void DisarmWake()
    {
        if (_armedWake is not { } wake)
            return;
        _postedWake.Unregister();
        if (_armedOnInput)
            _input.DisarmReadable(wake);
        _armedWake = null;
        Volatile.Write(ref _armedOnInput, false);
    }
}
