using System.Runtime.CompilerServices;
using RingKernel.K2K;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;

namespace RingKernel.Kernels.Driven;

/// <summary>
/// A ring kernel run by a host driver thread through an <see cref="IKernelDriver"/>: the driver runs
/// when messages or a command are waiting, and again while a run leaves work behind; the thread parks
/// without burning a core while there is none. Backends whose device cannot run a persistent loop
/// over the rings (Vulkan and Metal shaders) or whose kernel is several launches per message
/// (<see cref="DriverBody{TArgs}"/>) use it. The lifecycle is the CPU kernel's, transition for transition.
/// </summary>
/// <remarks>
/// <para>A device cannot pulse the host's wake signals, so after each run (and, when asked, every few
/// microseconds while one runs) the driver thread adopts the cursors the device moved and wakes parked
/// host readers, writers, K2K waiters and command waiters.</para>
/// <para>A run that fails a message (<see cref="MessageFaultedException"/>, or an error code in
/// <see cref="ControlBlock.LastError"/> with status Faulted) leaves it first in the input ring, so the
/// kernel faults and a kernel relaunched over the same memory finds it there.</para>
/// </remarks>
public sealed class DrivenRingKernel : RingKernelBase
{
    private readonly string _driverName;
    private readonly Func<IKernelDriver> _createDriver;
    private readonly bool _publishWhileRunning;

    /// <param name="name">The kernel's name.</param>
    /// <param name="memory">Its control block and rings, where the driver's device reaches them.</param>
    /// <param name="driverName">What drives it, for thread names and fault messages ("Vulkan", "CUDA").</param>
    /// <param name="createDriver">Makes the kernel's driver, its arguments bound; called on the driver thread.</param>
    /// <param name="publishWhileRunning">Whether progress is published while a run lasts (a run that polls the rings for a while), not only after it.</param>
    public DrivenRingKernel(string name, RingKernelMemory memory, string driverName, Func<IKernelDriver> createDriver, bool publishWhileRunning = false)
        : base(name, memory)
    {
        ArgumentException.ThrowIfNullOrEmpty(driverName);
        ArgumentNullException.ThrowIfNull(createDriver);
        _driverName = driverName;
        _createDriver = createDriver;
        _publishWhileRunning = publishWhileRunning;
    }

    public override void Launch()
    {
        EnterLaunched();
        var thread = new Thread(Drive)
        {
            IsBackground = true,
            Name = $"{_driverName} ring kernel {Name}",
        };
        thread.Start();
    }

    /// <summary>The driver thread: runs the driver while it has work, waits without burning a core while it has none.</summary>
    private void Drive()
    {
        IKernelDriver? driver = null;
        try
        {
            driver = _createDriver();
            Action? whileRunning = _publishWhileRunning ? PublishProgress : null;

            SetStatus(KernelStatus.Idle);
            var blocked = new SpinWait();
            while (true)
            {
                uint epoch = Commands.Epoch;
                KernelCommand command = Commands.Command;
                if ((command & KernelCommand.Terminate) != 0)
                    break;
                bool commandWaiting = epoch != Commands.AcknowledgedEpoch;
                bool active = (command & KernelCommand.Active) != 0;
                bool work = active && Input.Ring.IsReadable;
                if (!commandWaiting && !work)
                {
                    WaitForWork(active);
                    continue;
                }

                ulong heartbeat = Volatile.Read(ref Control.Heartbeat);
                driver.Run(whileRunning);
                PublishProgress();

                if (Volatile.Read(ref Unsafe.As<KernelStatus, uint>(ref Control.Status)) == (uint)KernelStatus.Faulted)
                {
                    ReportErrorCode();
                    return;
                }

                if (Volatile.Read(ref Control.Heartbeat) != heartbeat || commandWaiting)
                    blocked.Reset();
                else if (work)
                    WaitWhileBlocked(ref blocked);
            }

            // The driver saw terminate (or was not run again): what it committed stays committed.
            Exit();
        }
        catch (MessageFaultedException fault)
        {
            SetStatus(KernelStatus.Faulted);
            ReportFaulted(new KernelFaultedException(Name, $"the message it was processing, which stays first in the input ring, failed: {fault.Message}", fault.InnerException), onMessage: true);
        }
        catch (Exception ex)
        {
            SetStatus(KernelStatus.Faulted);
            ReportFaulted(new KernelFaultedException(Name, $"its {_driverName} driver failed with {ex.GetType().Name}: {ex.Message}", ex), onMessage: false);
        }
        finally
        {
            driver?.Dispose();
        }
    }

    /// <summary>Adopts the cursors the device moved and wakes host threads parked on them or on a command.</summary>
    private void PublishProgress()
    {
        Input.Ring.AdoptConsumerPosition();
        Output.Ring.AdoptProducerPosition();
        Input.Ring.WakeWaitersAfterDeviceProgress();
        Output.Ring.WakeWaitersAfterDeviceProgress();
        if (Memory.K2K is { } endpoint)
        {
            for (int route = 0; route < K2KDirections.Count; route++)
            {
                endpoint.FindRoute(route)?.WakeAfterDeviceProgress();
                endpoint.FindInbox(route)?.WakeAfterDeviceProgress();
            }
        }

        Commands.WakeWaiters();
    }

    /// <summary>Nothing to do: parks until a message (when active) or a command arrives, as the CPU kernel does.</summary>
    private void WaitForWork(bool active)
    {
        CancellationToken posted = Commands.PostedToken;
        if (Commands.Epoch != Commands.AcknowledgedEpoch)
            return;
        try
        {
            if (active)
                Input.WaitToReadAsync(posted).AsTask().GetAwaiter().GetResult();
            else
                posted.WaitHandle.WaitOne();
        }
        catch (OperationCanceledException)
        {
            // A command was posted; the loop applies it.
        }
    }

    /// <summary>
    /// The last run could not process the oldest message: its reply has no room, or it waits for
    /// room in, or a message from, a K2K inbox. Waits for the reader when the output ring is full;
    /// otherwise backs off (spin, yield, then 1 ms sleeps) for another kernel or the host to move.
    /// </summary>
    private void WaitWhileBlocked(ref SpinWait blocked)
    {
        CancellationToken posted = Commands.PostedToken;
        try
        {
            if (Output.Ring.Count >= Output.Ring.Capacity)
            {
                Output.WaitForFreeSlotAsync(posted).AsTask().GetAwaiter().GetResult();
                return;
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (blocked.NextSpinWillYield && blocked.Count > 30)
            posted.WaitHandle.WaitOne(1);
        else
            blocked.SpinOnce(sleep1Threshold: -1);
    }

    private void ReportErrorCode()
    {
        uint code = Volatile.Read(ref Control.LastError);
        ReportFaulted(new KernelFaultedException(Name, $"its {_driverName} kernel reported error code {code} for the message it was processing, which stays first in the input ring"), onMessage: true);
    }

    private void Exit()
    {
        SetStatus(KernelStatus.Terminated);
        Commands.Acknowledge(Commands.Epoch);
        ReportTerminated();
    }

    private ref ControlBlock Control => ref Memory.ControlBlock;

    private void SetStatus(KernelStatus status) =>
        Volatile.Write(ref Unsafe.As<KernelStatus, uint>(ref Control.Status), (uint)status);
}
