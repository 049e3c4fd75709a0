using Akka.Actor;

namespace RingKernel.Benchmarks.Compare.KernelActors;

/// <summary>The plain Akka.NET baseline of the echo kernel: replies with the message it got.</summary>
internal sealed class EchoActor : UntypedActor
{
    protected override void OnReceive(object message)
    {
        if (message is Sample)
            Sender.Tell(message, Self);
        else
            Unhandled(message);
    }
}
