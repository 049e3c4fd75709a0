using Akka.Actor;
using Akka.Hosting;
using RingKernel.Backends;
using RingKernel.Kernels;
using RingKernel.Kernels.Actors;

namespace RingKernel.Hosting;

/// <summary>
/// The backends and kernel actors of one <see cref="RingKernelAkkaHostingExtensions.WithRingKernels"/> call.
/// Each kernel actor runs as <c>/user/{name}-supervisor/{name}</c>: a supervisor of its own, whose strategy
/// decides on the kernel's faults, over the <see cref="KernelActor"/> itself. The kernel actor (not its
/// supervisor) is what the <see cref="ActorRegistry"/> holds, so Tells, Asks and typed references go straight
/// to it; its reference stays valid across restarts. When a strategy stops it, its supervisor stops too.
/// </summary>
public sealed class RingKernelsBuilder
{
    private readonly Dictionary<string, IRingKernelBackend> _backends = new(StringComparer.Ordinal);
    private readonly List<KernelActorDeclaration> _kernels = [];

    internal RingKernelsBuilder()
    {
    }

    /// <summary>
    /// Declares a backend, known by its <see cref="IComputeBackend.Name"/>. The actor system owns it from now
    /// on: one that is <see cref="IDisposable"/> is disposed when the system terminates, after every kernel has ended and freed its memory.
    /// </summary>
    /// <exception cref="ArgumentException">The backend cannot run here, or one of that name is already declared.</exception>
    public RingKernelsBuilder WithBackend(IRingKernelBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (!backend.IsAvailable)
            throw new ArgumentException($"Backend '{backend.Name}' cannot run here: {backend.UnavailableReason}", nameof(backend));
        if (!_backends.TryAdd(backend.Name, backend))
            throw new ArgumentException($"A backend named '{backend.Name}' is already declared.", nameof(backend));
        return this;
    }

    /// <summary>
    /// Declares a kernel actor named <paramref name="name"/> whose every launch gets <paramref name="args"/>,
    /// registered under <typeparamref name="TKey"/>. <paramref name="supervisorStrategy"/> decides on its
    /// faults (Akka's default unless given: Restart, which relaunches the kernel over the same rings);
    /// <paramref name="backend"/> names the backend to run on, needed only when several are declared.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not a valid actor name or is already declared, or <typeparamref name="TKey"/> is already a key.</exception>
    public RingKernelsBuilder WithKernelActor<TKey, TArgs>(
        string name, KernelDefinition<TArgs> definition, TArgs args, KernelActorOptions options, SupervisorStrategy? supervisorStrategy = null, string? backend = null) =>
        WithKernelActor<TKey, TArgs>(name, definition, () => args, options, checkpoint: null, supervisorStrategy, backend);

    /// <summary>
    /// Declares a kernel actor whose launches after a restart get fresh arguments from
    /// <paramref name="createArgs"/>, restored from the last <paramref name="checkpoint"/> saved when one is
    /// given (see <see cref="KernelActor.Props{TArgs}(IRingKernelBackend, KernelDefinition{TArgs}, Func{TArgs}, KernelActorOptions, KernelCheckpoint{TArgs})"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The name is not a valid actor name or is already declared, or <typeparamref name="TKey"/> is already a key.</exception>
    public RingKernelsBuilder WithKernelActor<TKey, TArgs>(
        string name,
        KernelDefinition<TArgs> definition,
        Func<TArgs> createArgs,
        KernelActorOptions options,
        KernelCheckpoint<TArgs>? checkpoint,
        SupervisorStrategy? supervisorStrategy = null,
        string? backend = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(createArgs);
        ArgumentNullException.ThrowIfNull(options);
        if (!ActorPath.IsValidPathElement(name))
            throw new ArgumentException($"'{name}' is not a valid actor name.", nameof(name));
        if (_kernels.Exists(k => k.Name == name))
            throw new ArgumentException($"A kernel actor named '{name}' is already declared.", nameof(name));
        if (_kernels.Exists(k => k.Key == typeof(TKey)))
            throw new ArgumentException($"A kernel actor is already registered under {typeof(TKey).Name}.", nameof(TKey));

        _kernels.Add(new KernelActorDeclaration(
            name,
            typeof(TKey),
            backend,
            supervisorStrategy ?? SupervisorStrategy.DefaultStrategy,
            chosen => KernelActor.Props(chosen, definition, createArgs, options, checkpoint),
            static (registry, kernel) => registry.Register<TKey>(kernel)));
        return this;
    }

    /// <summary>Resolves every kernel actor's backend and builds its props, so that bad input fails while the host is configured, not when it starts.</summary>
    internal RingKernelsStarter Build()
    {
        var kernels = new List<KernelActorStart>(_kernels.Count);
        foreach (KernelActorDeclaration kernel in _kernels)
        {
            IRingKernelBackend backend = BackendFor(kernel);
            kernels.Add(new KernelActorStart(kernel.Name, kernel.CreateProps(backend), kernel.SupervisorStrategy, kernel.Register));
        }

        return new RingKernelsStarter([.. _backends.Values], kernels);
    }

    private IRingKernelBackend BackendFor(KernelActorDeclaration kernel)
    {
        if (_backends.Count == 0)
            throw new InvalidOperationException($"Kernel actor '{kernel.Name}' has no backend to run on: declare one with {nameof(WithBackend)}.");
        if (kernel.Backend is null)
        {
            return _backends.Count == 1
                ? _backends.Values.Single()
                : throw new InvalidOperationException(
                    $"Kernel actor '{kernel.Name}' names no backend, and several are declared ({string.Join(", ", _backends.Keys)}): name one.");
        }

        return _backends.TryGetValue(kernel.Backend, out IRingKernelBackend? named)
            ? named
            : throw new InvalidOperationException(
                $"Kernel actor '{kernel.Name}' runs on backend '{kernel.Backend}', which is not declared (declared: {string.Join(", ", _backends.Keys)}).");
    }
}
