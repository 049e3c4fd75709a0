namespace RingKernel.Cpu.Kernels;

/// <summary>
/// The heap home of one thread's suspended <see cref="ThreadCoroutine"/> body: created once per
/// thread slot and body type, then reused by that slot for every workgroup and dispatch.
/// </summary>
internal abstract class ThreadCoroutineBox
{
    /// <summary>The slot's box for another body type, so kernels that alternate keep theirs.</summary>
    internal ThreadCoroutineBox? Next { get; init; }

    /// <summary>True from the body's first wait until it finishes: the box holds a live coroutine.</summary>
    internal bool InUse { get; set; }

    /// <summary>The compiler-generated state machine type of the bodies this box holds.</summary>
    internal abstract Type StateMachineType { get; }

    /// <summary>Set by the body's builder each time the body waits at a barrier; lets <see cref="Restart"/> prove the body ran.</summary>
    internal bool Suspended { get; set; }

    /// <summary>Runs the body to its next barrier or its end; true when it waits at a barrier.</summary>
    internal abstract bool Resume();

    /// <summary>
    /// Runs the finished body held here again from its start, for the next workgroup, with the
    /// parameters it was started with (the same thread slot and dispatch arguments): true when it
    /// waits at a barrier. No call, no copy: the compiler's state machine starts over from its top
    /// when its state is not one of its resume points, and a finished one's is not.
    /// </summary>
    internal bool Restart()
    {
        InUse = true;
        Suspended = false;
        bool waiting = Resume();
        if (waiting && !Suspended)
            ThrowNotRestarted();
        return waiting;
    }

    /// <summary>
    /// True when this box holds state machines of type <paramref name="started"/>, the type a
    /// kernel's body method starts (<see cref="CpuKernelBody{TArgs}.CoroutineStateMachine"/>;
    /// an open generic type for a generic method). A wrapper around the body has none: it may compute
    /// the body's parameters anew for each workgroup, so its bodies are started by calling it.
    /// </summary>
    internal bool HoldsBodiesOf(Type? started)
    {
        Type held = StateMachineType;
        return started is not null && (started == held || (held.IsGenericType && started == held.GetGenericTypeDefinition()));
    }

    /// <summary>Drops the finished (or abandoned) body's state, so the box keeps no arguments alive.</summary>
    internal abstract void Release();

    /// <summary>The body neither waited nor finished when restarted: a compiler whose state machines do not start over would do that.</summary>
    private void ThrowNotRestarted() =>
        throw new InvalidOperationException($"A finished ThreadCoroutine body ({GetType().GenericTypeArguments[0].Name}) did not run when restarted for the next workgroup.");
}
