using System.Diagnostics;
using Akka.Actor;

namespace RingKernel.Benchmarks.Compare.KernelActors;

/// <summary>The plain Akka.NET baseline of the echo kernel under restart: counts its instances, throws on <see cref="Sample.Poison"/> (stamping the clock), echoes anything else.</summary>
internal sealed class FragileActor : UntypedActor
{
    private readonly FaultClock _clock;

    public FragileActor(FaultClock clock) => _clock = clock.Started();

    protected override void OnReceive(object message)
    {
        if (message is not Sample sample)
        {
            Unhandled(message);
            return;
        }

        if (sample.Value == Sample.Poison)
        {
            _clock.Thrown(Stopwatch.GetTimestamp());
            throw new InvalidOperationException("poison sample");
        }

        Sender.Tell(message, Self);
    }
}
