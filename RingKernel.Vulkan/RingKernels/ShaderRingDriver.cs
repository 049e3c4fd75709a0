using RingKernel.K2K;
using RingKernel.Kernels.Driven;
using RingKernel.Kernels.Persistent;
using RingKernel.Memory;
using RingKernel.Vulkan.Devices;

namespace RingKernel.Vulkan.RingKernels;

/// <summary>
/// The driver of a ring kernel shader (built on Shaders/ringkernel_ring.glsl) on a device that runs
/// this project's shaders (<see cref="IShaderDevice"/>: Vulkan, or Metal through the shaders' MSL):
/// each run is one dispatch, through an <see cref="IRingKernelDispatcher"/>, that consumes the input
/// ring, produces on the output ring and answers commands through the control block, all in
/// host-shared memory reached by device address. A <see cref="DrivenRingKernel"/> runs it.
/// </summary>
/// <remarks>
/// A shader that returns an error code for a message reports it in the control block
/// (<see cref="RingKernel.Layouts.ControlBlock.LastError"/>, status Faulted) without committing the message.
/// </remarks>
public sealed class ShaderRingDriver : IKernelDriver
{
    private const int InboxTableBytes = K2KDirections.Count * sizeof(ulong);

    private readonly IRingKernelDispatcher _dispatcher;
    private readonly K2KEndpoint? _endpoint;
    private readonly DeviceBuffer? _inboxTable;
    private readonly RingKernelDispatchArguments _arguments;

    private ShaderRingDriver(IShaderDevice device, RingKernelMemory memory, VulkanRingKernelOptions options, IRingKernelDispatcher dispatcher)
    {
        _dispatcher = dispatcher;
        _endpoint = memory.K2K;
        try
        {
            if (_endpoint is not null)
                _inboxTable = device.MemorySpace.Allocate(InboxTableBytes);
            _arguments = Arguments(device, memory, options, _endpoint, _inboxTable);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// A ring kernel in state Created whose driver thread dispatches the shader
    /// <paramref name="createDispatcher"/> binds: when messages or a command are waiting, and again
    /// while a dispatch leaves work behind (see <see cref="VulkanRingKernelMode"/>).
    /// </summary>
    public static DrivenRingKernel Create(IShaderDevice device, string name, RingKernelMemory memory, VulkanRingKernelOptions options, Func<IRingKernelDispatcher> createDispatcher)
    {
        CheckMemory(device, memory);
        return new DrivenRingKernel(name, memory, device.ApiName, () => new ShaderRingDriver(device, memory, options, createDispatcher()),
            publishWhileRunning: options.Mode == VulkanRingKernelMode.BoundedPersistent);
    }

    public void Run(Action? whileRunning)
    {
        if (_inboxTable is not null)
            WriteInboxTable(_endpoint!, _inboxTable);
        _dispatcher.Run(in _arguments, whileRunning);
    }

    public void Dispose()
    {
        _dispatcher.Dispose();
        _inboxTable?.Dispose();
    }

    /// <summary>Refuses, before a kernel is made, memory whose control block or rings are not <paramref name="device"/>'s.</summary>
    /// <exception cref="ArgumentException">A buffer of <paramref name="memory"/> is not the device's.</exception>
    private static void CheckMemory(IShaderDevice device, RingKernelMemory memory)
    {
        device.DeviceAddressOf(memory.ControlBuffer, "the control block");
        device.DeviceAddressOf(memory.Input.Ring.Buffer, "the input ring");
        device.DeviceAddressOf(memory.Output.Ring.Buffer, "the output ring");
    }

    private static RingKernelDispatchArguments Arguments(IShaderDevice device, RingKernelMemory memory, VulkanRingKernelOptions options, K2KEndpoint? endpoint, DeviceBuffer? inboxTable)
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
            ControlBlock = device.DeviceAddressOf(memory.ControlBuffer, "the control block"),
            InputRing = device.DeviceAddressOf(memory.Input.Ring.Buffer, "the input ring"),
            OutputRing = device.DeviceAddressOf(memory.Output.Ring.Buffer, "the output ring"),
            Routes = endpoint is null ? 0 : device.DeviceAddressOf(endpoint.RoutingTable, "the K2K routing table"),
            Inboxes = inboxTable?.DeviceAddress ?? 0,
            PollIterations = options.Mode == VulkanRingKernelMode.BoundedPersistent ? options.PollIterations : 0,
            MaxMessages = options.MaxMessagesPerDispatch,
            Flags = (memory.Input.Checksummed ? RingKernelDispatchArguments.InputChecksummed : 0)
                | (memory.Output.Checksummed ? RingKernelDispatchArguments.OutputChecksummed : 0)
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
}
