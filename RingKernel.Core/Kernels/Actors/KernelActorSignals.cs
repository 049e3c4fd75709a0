using Akka.Actor;

namespace RingKernel.Kernels.Actors;

/// <summary>Messages a <see cref="KernelActor{TArgs}"/> sends itself, so that everything it does runs on its own thread.</summary>
internal static class KernelActorSignals
{
    /// <summary>A message the output pump read from the kernel's output ring, in ring order.</summary>
    internal sealed record Output(ulong CorrelationId, object Payload, bool IsError);

    /// <summary>Time for the watchdog to read the control block.</summary>
    internal sealed class WatchdogTick
    {
        public static WatchdogTick Instance { get; } = new();
    }

    /// <summary>The input ring has room again for messages waiting in the actor's overflow queue.</summary>
    internal sealed class InputSpace
    {
        public static InputSpace Instance { get; } = new();
    }

    /// <summary>The kernel of launch <paramref name="Generation"/> has ended (normally or faulted).</summary>
    internal sealed record KernelEnded(int Generation);

    /// <summary>The ended kernel of launch <paramref name="Generation"/> is retired (its poison message answered, its instance disposed): launch the next.</summary>
    internal sealed record Retired(int Generation);

    /// <summary>Retiring the ended kernel of launch <paramref name="Generation"/> failed.</summary>
    internal sealed record RetireFailed(int Generation, Exception Cause);

    /// <summary>Sent before the actor fails on a fault of launch <paramref name="Generation"/>: after a Resume it recovers the kernel in place.</summary>
    internal sealed record Recover(int Generation);

    /// <summary>The kernel of launch <paramref name="Generation"/> was deactivated for a checkpoint <paramref name="Requester"/> asked for.</summary>
    internal sealed record CheckpointPaused(int Generation, IActorRef Requester);
}
