using System.Collections.Concurrent;
using Akka.Actor;

namespace RingKernel.Tests.Hosting;

/// <summary>Records the events of one type published on an actor system's event stream.</summary>
internal static class EventRecorder
{
    /// <summary>The events of type <typeparamref name="T"/> published from now on, in order.</summary>
    public static ConcurrentQueue<T> Record<T>(ActorSystem system)
    {
        var events = new ConcurrentQueue<T>();
        IActorRef recorder = system.ActorOf(Props.Create(() => new Recorder<T>(events)));
        system.EventStream.Subscribe(recorder, typeof(T));
        return events;
    }

    private sealed class Recorder<T>(ConcurrentQueue<T> events) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is T e)
                events.Enqueue(e);
            else
                Unhandled(message);
        }
    }
}
