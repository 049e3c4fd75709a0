using System.Runtime.CompilerServices;

namespace RingKernel.Cpu.Kernels;

/// <summary>A <see cref="ThreadCoroutineBox"/> holding the compiler-generated state machine of one body type.</summary>
internal sealed class ThreadCoroutineBox<TStateMachine> : ThreadCoroutineBox
    where TStateMachine : IAsyncStateMachine
{
    /// <summary>The suspended body: a field, so the state machine runs in place, never copied back.</summary>
    internal TStateMachine StateMachine = default!;

    internal override Type StateMachineType => typeof(TStateMachine);

    internal override bool Resume()
    {
        StateMachine.MoveNext();
        return InUse;
    }

    internal override void Release()
    {
        StateMachine = default!;
        InUse = false;
    }
}
