using RingKernel.Actors;
using Xunit;

namespace RingKernel.Tests.Actors;

[Collection(nameof(SerialCollection))]
public sealed class AllocationTests : RingKernel.TestKit.TestKit
{
    private sealed class Counter : ActorBase
    {
        private readonly StrongBox<int> _processed;

        public Counter(StrongBox<int> processed) => _processed = processed;

        protected override bool Receive(object message)
        {
            Interlocked.Increment(ref _processed.Value);
            return true;
        }
    }

    private sealed class StrongBox<T>
    {
        public T Value = default!;
    }

    [Fact]
    public void Telling_an_actor_allocates_nothing_on_the_sending_thread()
    {
        const int batch = 1000;
        const int batches = 50;
        object message = "m";
        var processed = new StrongBox<int>();
        IActorRef counter = ActorOf(Props.Create(() => new Counter(processed)));
        int target = 0;
        Func<bool> caughtUp = () => Volatile.Read(ref processed.Value) == target;

        void SendBatches()
        {
            for (int b = 0; b < batches; b++)
            {
                for (int i = 0; i < batch; i++)
                    counter.Tell(message, ActorRefs.NoSender);
                target += batch;
                Assert.True(SpinWait.SpinUntil(caughtUp, TimeSpan.FromSeconds(10)));
            }
        }

        // Warm up: the mailbox grows to its working size and every path is compiled.
        SendBatches();
        long before = GC.GetAllocatedBytesForCurrentThread();
        SendBatches();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2 * batch * batches, Volatile.Read(ref processed.Value));
        Assert.Equal(0, allocated);
    }
}
