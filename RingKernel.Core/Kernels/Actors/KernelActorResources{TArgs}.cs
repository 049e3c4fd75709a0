using Akka.Actor;
using RingKernel.Backends;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using RingKernel.Telemetry;

namespace RingKernel.Kernels.Actors;

/// <summary>
/// What a <see cref="KernelActor{TArgs}"/> keeps across restarts, which build a new actor instance from
/// its props: the kernel memory (control block and rings) and its output pump, the requests, the launch
/// state, the checkpoint, the subscribers and the direct path of typed references. Created with the
/// props (<see cref="KernelActor.Props{TArgs}(IRingKernelBackend, KernelDefinition{TArgs}, TArgs, KernelActorOptions)"/>),
/// allocated by the first instance's <c>PreStart</c>, released after the <c>PostStop</c> of a real stop.
/// Only the actor's own thread touches it while the actor lives (Akka orders one instance's hooks and
/// messages after the previous one's).
/// </summary>
internal sealed class KernelActorResources<TArgs>(
    IRingKernelBackend backend,
    KernelDefinition<TArgs> definition,
    Func<TArgs> createArgs,
    KernelActorOptions options,
    KernelCheckpoint<TArgs>? checkpoint)
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IRingKernelBackend Backend { get; } = backend;

    public KernelDefinition<TArgs> Definition { get; } = definition;

    public Func<TArgs> CreateArgs { get; } = createArgs;

    public KernelActorOptions Options { get; } = options;

    public KernelCodecTable Codecs { get; } = options.Messages.Freeze();

    public KernelRequestTable Requests { get; } = new(options.ExpectedPendingRequests, definition.Name);

    public KernelLaunchState<TArgs> Launch { get; } = new();

    public KernelCheckpointStore<TArgs> Checkpoints { get; } = new(checkpoint);

    public List<IActorRef> Subscribers { get; } = [];

    public KernelDirectPath Direct { get; } = new(definition.Name);

    /// <summary>The watchdog's ticks, scheduled once for the actor's life and cancelled by its release.</summary>
    public ICancelable? Watchdog { get; set; }

    /// <summary>The actor these resources belong to while it lives; one actor per props.</summary>
    public IActorRef? Owner { get; private set; }

    public RingKernelMemory? Memory { get; private set; }

    public KernelOutputPump? Pump { get; private set; }

    /// <summary>The actor's rings, heartbeat and lifecycle counts as telemetry, from the allocation to the release.</summary>
    public KernelActorTelemetry? Telemetry { get; private set; }

    /// <summary>Completes once a stopped actor's kernel has ended and its memory is freed.</summary>
    public Task Released => _released.Task;

    /// <summary>Allocates the memory and starts the pump, which hands direct replies to <see cref="Direct"/> and the rest to <paramref name="owner"/>.</summary>
    public void Allocate(IActorRef owner)
    {
        LaunchOptions launch = Definition.Options;
        RingKernelMemory memory = RingKernelMemory.Allocate(
            Backend.MemorySpace, launch, Options.Messages.CreateRegistry(launch.MessageSlotBytes - MessageHeader.Size), Options.Checksummed);
        if (Options.K2K is { } endpoint)
            memory.AttachK2K(endpoint);
        Owner = owner;
        Memory = memory;
        Telemetry = new KernelActorTelemetry(Definition.Name, owner.Path.ToStringWithoutAddress(), memory.Input, memory.Output, () => Launch.Watchdog?.HeartbeatAge);
        Pump = new KernelOutputPump(memory.Output, Codecs, Direct, output => owner.Tell(output, owner));
        Pump.Start();
    }

    /// <summary>The typed reference for this pair of types, checked against the registered payload types.</summary>
    public KernelRef<TRequest, TReply> GetKernelRef<TRequest, TReply>()
        where TRequest : unmanaged
        where TReply : unmanaged
    {
        if (!Codecs.TryGet(typeof(TRequest), out _) || !Codecs.TryGet(typeof(TReply), out _))
        {
            throw new ArgumentException(
                $"Kernel actor '{Definition.Name}' carries no {(Codecs.TryGet(typeof(TRequest), out _) ? typeof(TReply).Name : typeof(TRequest).Name)}: register it in {nameof(KernelActorOptions)}.{nameof(KernelActorOptions.Messages)}.");
        }

        return Direct.GetOrCreate(table => new KernelRef<TRequest, TReply>(Owner!, Definition.Name, Memory!.Input, Direct, table, Options.AskTimeout, Options.AskContinuationsOnPump));
    }

    /// <summary>Marks the memory freed; called once, by the release after the actor's stop.</summary>
    public void MarkReleased()
    {
        Memory = null;
        Pump = null;
        Telemetry = null;
        Launch.Kernel = null;
        _released.TrySetResult();
    }
}
