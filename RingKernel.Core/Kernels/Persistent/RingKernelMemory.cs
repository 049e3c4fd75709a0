using RingKernel.K2K;
using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Rings;

namespace RingKernel.Kernels.Persistent;

/// <summary>
/// Everything a ring kernel shares with the host, in buffers of the backend's memory space: the
/// <see cref="Layouts.ControlBlock"/>, the input ring (many host producers, the kernel consumes)
/// and the output ring (the kernel produces, the host consumes). It outlives kernel instances: a
/// kernel relaunched over the same memory after a fault finds every message it had not committed.
/// </summary>
public sealed class RingKernelMemory : IDisposable
{
    private readonly DeviceBuffer _controlBuffer;
    private readonly DeviceBuffer _inputBuffer;
    private readonly DeviceBuffer _outputBuffer;

    private RingKernelMemory(LaunchOptions options, DeviceBuffer control, DeviceBuffer input, DeviceBuffer output, MessageRing inputRing, MessageRing outputRing)
    {
        Options = options;
        _controlBuffer = control;
        _inputBuffer = input;
        _outputBuffer = output;
        Input = inputRing;
        Output = outputRing;
        unsafe
        {
            ControlBlockPointer = (ControlBlock*)control.HostPointer;
        }
    }

    public LaunchOptions Options { get; }

    /// <summary>Host to kernel: a multi-producer ring, so any number of host threads may send.</summary>
    public MessageRing Input { get; }

    /// <summary>Kernel to host: a single-producer ring (the kernel), consumed by one host reader.</summary>
    public MessageRing Output { get; }

    /// <summary>The control block: the host writes its block (command), the kernel its own (status, heartbeat, counts).</summary>
    public unsafe ref ControlBlock ControlBlock => ref *(ControlBlock*)_controlBuffer.HostPointer;

    /// <summary>The kernel's K2K endpoint, once <see cref="AttachK2K"/> gave it one; null otherwise.</summary>
    public K2KEndpoint? K2K { get; private set; }

    /// <summary>
    /// Gives the kernel running over this memory its K2K endpoint (a CPU body reaches it through its context)
    /// and makes the endpoint's id the kernel's id in the control block, so the messages it sends on
    /// its output ring and over K2K carry the same source id. Kernels relaunched over this memory keep it.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another endpoint is attached already.</exception>
    public void AttachK2K(K2KEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (K2K is { } attached && attached != endpoint)
            throw new InvalidOperationException($"This ring kernel memory is attached to kernel {attached.KernelId}'s K2K endpoint already.");
        Volatile.Write(ref ControlBlock.KernelId, endpoint.KernelId);
        K2K = endpoint;
    }

    /// <summary>The control block's buffer, for a device backend that hands its address to a kernel.</summary>
    public DeviceBuffer ControlBuffer => _controlBuffer;

    /// <summary>
    /// The control block without the disposal check, for a backend's kernel loop and command posting,
    /// which run only while the memory is alive (a device kernel maps it to its own address).
    /// </summary>
    public unsafe ControlBlock* ControlBlockPointer { get; private init; }

    /// <summary>
    /// Allocates and formats the control block and both rings in <paramref name="space"/>, sized by
    /// <paramref name="options"/>; both rings accept the payload types in <paramref name="types"/>.
    /// </summary>
    /// <remarks><see cref="KernelFaultReply"/> is registered in <paramref name="types"/> when it is not yet, for error replies.</remarks>
    /// <exception cref="ArgumentException">The options declare no input or no output ring, or a ring of one slot.</exception>
    public static RingKernelMemory Allocate(IMemorySpace space, LaunchOptions options, MessageTypeRegistry types, bool checksummed = true)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(types);
        if (options.InputRingCapacity < SlotRing.MinCapacity || options.OutputRingCapacity < SlotRing.MinCapacity)
        {
            throw new ArgumentException(
                $"A ring kernel needs an input and an output ring of at least {SlotRing.MinCapacity} slots each; the options declare {options.InputRingCapacity} and {options.OutputRingCapacity}.",
                nameof(options));
        }

        if (!types.TryGetTypeId<KernelFaultReply>(out _))
            types.Register<KernelFaultReply>(KernelFaultReply.TypeId);

        var buffers = new List<DeviceBuffer>(3);
        try
        {
            DeviceBuffer control = space.Allocate(ControlBlock.Size);
            buffers.Add(control);
            DeviceBuffer input = space.Allocate(SlotRing.RequiredBytes(RingKind.MultiProducer, options.InputRingCapacity, options.MessageSlotBytes));
            buffers.Add(input);
            DeviceBuffer output = space.Allocate(SlotRing.RequiredBytes(RingKind.SingleProducer, options.OutputRingCapacity, options.MessageSlotBytes));
            buffers.Add(output);
            var inputRing = new MessageRing(MpscRing.Create(input, options.InputRingCapacity, options.MessageSlotBytes), types, checksummed);
            var outputRing = new MessageRing(SpscRing.Create(output, options.OutputRingCapacity, options.MessageSlotBytes), types, checksummed);
            return new RingKernelMemory(options, control, input, output, inputRing, outputRing);
        }
        catch
        {
            foreach (DeviceBuffer buffer in buffers)
                buffer.Dispose();
            throw;
        }
    }

    /// <summary>Frees the buffers; call it only once no kernel runs over them and no host thread uses the rings.</summary>
    public void Dispose()
    {
        _outputBuffer.Dispose();
        _inputBuffer.Dispose();
        _controlBuffer.Dispose();
    }
}
