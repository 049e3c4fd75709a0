using System.Runtime.CompilerServices;
using RingKernel.K2K;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Vulkan.Devices;

namespace RingKernel.Vulkan.RingKernels;

/// <summary>
/// A ring kernel on a device that runs this project's shaders (<see cref="IShaderDevice"/>: Vulkan, or
/// Metal through the shaders' MSL): its shader (built on Shaders/ringkernel_ring.glsl) consumes the
/// input ring, produces on the output ring and answers commands through the control block, all in
/// host-shared memory reached by device address. A host driver thread dispatches it through an
/// <see cref="IRingKernelDispatcher"/>: when messages or a command are waiting, and again while a
/// dispatch leaves work behind (see <see cref="VulkanRingKernelMode"/>). The lifecycle is the CPU
/// kernel's, transition for transition.
/// </summary>
/// <remarks>
/// <para>The device cannot pulse the host's wake signals, so after each dispatch (and, for persistent
/// dispatches, every few microseconds while one runs) the driver adopts the cursors the shader moved
/// and wakes parked host readers, writers and command waiters.</para>
/// <para>A shader that returns an error code for a message reports it in the control block
/// (<see cref="ControlBlock.LastError"/>, status Faulted) without committing the message, so the
/// kernel faults and a kernel relaunched over the same memory finds the message first in its ring.</para>
/// </remarks>
internal sealed class DeviceRingKernel : RingKernelBase
{
    private const int InboxTableBytes = K2KDirections.Count * sizeof(ulong);

    private readonly IShaderDevice _device;
    private readonly VulkanRingKernelOptions _options;
    private readonly Func<IRingKernelDispatcher> _createDispatcher;

    /// <param name="device">Where the kernel runs.</param>
    /// <param name="name">The kernel's name.</param>
    /// <param name="memory">Its control block and rings, in <paramref name="device"/>'s memory space.</param>
    /// <param name="options">How it is dispatched.</param>
    /// <param name="createDispatcher">Makes the kernel's dispatcher, its arguments bound; called on the driver thread.</param>
    public DeviceRingKernel(IShaderDevice device, string name, RingKernelMemory memory, VulkanRingKernelOptions options, Func<IRingKernelDispatcher> createDispatcher)
        : base(name, memory)
    {
        _device = device;
        _options = options;
        _createDispatcher = createDispatcher;
    }

    /// <summary>Refuses, before a kernel is made, memory whose control block or rings are not <paramref name="device"/>'s.</summary>
    /// <exception cref="ArgumentException">A buffer of <paramref name="memory"/> is not the device's.</exception>
    public static void CheckMemory(IShaderDevice device, RingKernelMemory memory)
    {
        device.AddressOf(memory.ControlBuffer, "the control block");
        device.AddressOf(memory.Input.Ring.Buffer, "the input ring");
        device.AddressOf(memory.Output.Ring.Buffer, "the output ring");
    }

    public override void Launch()
    {
        EnterLaunched();
        var thread = new Thread(Drive)
        {
            IsBackground = true,
            Name = $"{_device.ApiName} ring kernel {Name}",
        };
        thread.Start();
    }

    /// <summary>The driver thread: dispatches the shader while it has work, waits without burning a core while it has none.</summary>
    private void Drive()
    {
        IRingKernelDispatcher? dispatcher = null;
        DeviceBuffer? inboxTable = null;
        try
        {
            K2KEndpoint? endpoint = Memory.K2K;
            if (endpoint is not null)
                inboxTable = _device.MemorySpace.Allocate(InboxTableBytes);
            dispatcher = _createDispatcher();
            RingKernelDispatchArguments arguments = DispatchArguments(endpoint, inboxTable);
            Action? whileRunning = _options.Mode == VulkanRingKernelMode.BoundedPersistent ? () => PublishProgress(endpoint) : null;

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
                if (inboxTable is not null)
                    WriteInboxTable(endpoint!, inboxTable);
                dispatcher.Run(in arguments, whileRunning);
                PublishProgress(endpoint);

                if (Volatile.Read(ref Unsafe.As<KernelStatus, uint>(ref Control.Status)) == (uint)KernelStatus.Faulted)
                {
                    ReportShaderFault();
                    return;
                }

                if (Volatile.Read(ref Control.Heartbeat) != heartbeat || commandWaiting)
                    blocked.Reset();
                else if (work)
                    WaitWhileBlocked(ref blocked);
            }

            // The shader saw terminate (or was not dispatched again): what it committed stays committed.
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
            ReportFaulted(new KernelFaultedException(Name, $"its {_device.ApiName} driver failed with {ex.GetType().Name}: {ex.Message}", ex), onMessage: false);
        }
        finally
        {
            dispatcher?.Dispose();
            inboxTable?.Dispose();
        }
    }

    private RingKernelDispatchArguments DispatchArguments(K2KEndpoint? endpoint, DeviceBuffer? inboxTable)
    {
        bool k2kChecksummed = true;
        if (endpoint is not null)
        {
            for (int route = 0; route < K2KDirections.Count; route++)
            {
                if ((endpoint.FindRoute(route) ?? endpoint.FindInbox(route)) is { } any)
                {
                    k2kChecksummed = any.Checksummed;
                    break;
                }
            }
        }

        return new RingKernelDispatchArguments
        {
            ControlBlock = _device.AddressOf(Memory.ControlBuffer, "the control block"),
            InputRing = _device.AddressOf(Input.Ring.Buffer, "the input ring"),
            OutputRing = _device.AddressOf(Output.Ring.Buffer, "the output ring"),
            Routes = endpoint is null ? 0 : _device.AddressOf(endpoint.RoutingTable, "the K2K routing table"),
            Inboxes = inboxTable?.DeviceAddress ?? 0,
            PollIterations = _options.Mode == VulkanRingKernelMode.BoundedPersistent ? _options.PollIterations : 0,
            MaxMessages = _options.MaxMessagesPerDispatch,
            Flags = (Input.Checksummed ? RingKernelDispatchArguments.InputChecksummed : 0)
                | (Output.Checksummed ? RingKernelDispatchArguments.OutputChecksummed : 0)
                | (k2kChecksummed ? RingKernelDispatchArguments.K2KChecksummed : 0),
        };
    }

    /// <summary>Routes are set up and torn down by the host at any time, so the inbox addresses are refreshed before each dispatch.</summary>
    private static void WriteInboxTable(K2KEndpoint endpoint, DeviceBuffer table)
    {
        Span<ulong> addresses = table.AsSpan<ulong>(0, K2KDirections.Count);
        for (int route = 0; route < K2KDirections.Count; route++)
            addresses[route] = endpoint.FindInbox(route)?.InboxBuffer.DeviceAddress ?? 0;
    }

    /// <summary>Adopts the cursors the shader moved and wakes host threads parked on them or on a command.</summary>
    private void PublishProgress(K2KEndpoint? endpoint)
    {
        Input.Ring.AdoptConsumerPosition();
        Output.Ring.AdoptProducerPosition();
        Input.Ring.WakeWaitersAfterDeviceProgress();
        Output.Ring.WakeWaitersAfterDeviceProgress();
        if (endpoint is not null)
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
    /// The last dispatch could not process the oldest message: its reply has no room, or it waits for
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

    private void ReportShaderFault()
    {
        uint code = Volatile.Read(ref Control.LastError);
        ReportFaulted(new KernelFaultedException(Name, $"its shader reported error code {code} for the message it was processing, which stays first in the input ring"), onMessage: true);
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
