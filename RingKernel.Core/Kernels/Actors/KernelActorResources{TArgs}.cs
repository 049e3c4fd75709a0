using RingKernel.Actors;
using RingKernel.Backends;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;

namespace RingKernel.Kernels.Actors;

/// <summary>
/// What a <see cref="KernelActor{TArgs}"/> keeps across restarts, which build a new actor instance from
/// its <see cref="Props"/>: the kernel memory (control block and rings), the output pump, the current
/// kernel instance and its arguments, the table of requests awaiting replies, the overflow queue, the
/// subscribers and the last checkpoint. Created with the props (<see cref="KernelActorProps"/>), allocated
/// by the first instance's <c>PreStart</c>, freed by the <c>PostStop</c> of a real stop. Only the actor's
/// own thread touches it (the runtime orders one instance's hooks and messages after the previous one's).
/// </summary>
internal sealed class KernelActorResources<TArgs>(
    IRingKernelBackend backend,
    KernelDefinition<TArgs> definition,
    Func<TArgs> createArgs,
    KernelActorOptions options,
    KernelCheckpoint<TArgs>? checkpoint)
{
    public IRingKernelBackend Backend { get; } = backend;

    public KernelDefinition<TArgs> Definition { get; } = definition;

    public Func<TArgs> CreateArgs { get; } = createArgs;

    public KernelActorOptions Options { get; } = options;

    public KernelCheckpoint<TArgs>? Checkpoint { get; } = checkpoint;

    public KernelCodecTable Codecs { get; } = options.Messages.Freeze();

    /// <summary>The actor these resources belong to while it lives; one actor per props.</summary>
    public IActorRef? Owner { get; set; }

    public RingKernelMemory? Memory { get; set; }

    public KernelOutputPump? Pump { get; set; }

    /// <summary>The latest kernel instance (ended or running); null before the first launch.</summary>
    public IRingKernel? Kernel { get; set; }

    public TArgs Args { get; set; } = default!;

    /// <summary>Counts launches; signals carry it so that those about an earlier instance are ignored.</summary>
    public int Generation { get; set; }

    /// <summary>The generation whose fault the actor has already thrown, so a fault is reported once.</summary>
    public int FaultReportedGeneration { get; set; } = -1;

    /// <summary>The control block's error count at the current launch: a rise with a body-fault code is a fault.</summary>
    public uint ErrorCountAtLaunch { get; set; }

    /// <summary>Set while the actor waits for the current kernel to end before launching its successor.</summary>
    public bool RelaunchPending { get; set; }

    /// <summary>Whether that successor gets fresh arguments (and the checkpoint): true after a restart, false after a resume.</summary>
    public bool RelaunchFresh { get; set; }

    public Dictionary<ulong, IActorRef> Requests { get; } = new(options.ExpectedPendingRequests);

    public ulong LastCorrelationId { get; set; }

    /// <summary>Messages that found the input ring full, oldest first; they go in before anything newer.</summary>
    public Queue<PendingInput> Overflow { get; } = new();

    public bool InputWaiterArmed { get; set; }

    public List<IActorRef> Subscribers { get; } = [];

    public byte[]? CheckpointBytes { get; set; }

    /// <summary>Cancelled when the actor finally stops: ends waits for room in the input ring.</summary>
    public CancellationTokenSource? Lifetime { get; set; }

    /// <summary>A message waiting for room in the input ring.</summary>
    internal readonly record struct PendingInput(object Message, KernelPayloadCodec Codec, MessageHeader Header);
}
