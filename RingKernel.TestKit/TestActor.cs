using RingKernel.Actors;

namespace RingKernel.TestKit;

/// <summary>
/// The actor behind a <see cref="TestKit"/> or <see cref="TestProbe"/>: it queues every message it receives
/// (including <see cref="Terminated"/> for the actors it was asked to watch) for the test to expect.
/// </summary>
internal sealed class TestActor(TestActorQueue queue) : ActorBase
{
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case WatchRequest watch:
                Context.Watch(watch.Target);
                break;
            case UnwatchRequest unwatch:
                Context.Unwatch(unwatch.Target);
                break;
            default:
                queue.Add(new ReceivedMessage(message, Sender));
                break;
        }

        return true;
    }

    internal sealed record WatchRequest(IActorRef Target);

    internal sealed record UnwatchRequest(IActorRef Target);
}
