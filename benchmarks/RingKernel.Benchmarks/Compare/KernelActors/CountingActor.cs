using Akka.Actor;

namespace RingKernel.Benchmarks.Compare.KernelActors;

/// <summary>The plain Akka.NET baseline of the counting kernel: adds every sample to the tally and replies nothing.</summary>
internal sealed class CountingActor(Tally tally) : UntypedActor
{
    protected override void OnReceive(object message)
    {
        if (message is Sample sample)
            tally.Add(sample.Value);
        else
            Unhandled(message);
    }
}
