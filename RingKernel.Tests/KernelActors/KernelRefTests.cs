using Akka.Actor;
using Akka.TestKit;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels.Actors;
using RingKernel.Kernels.Persistent;
using RingKernel.Rings;
using RingKernel.TestKit;
using RingKernel.Tests.Cpu.RingKernels;
using static RingKernel.Tests.KernelActors.KernelActorKernels;

namespace RingKernel.Tests.KernelActors;

/// <summary>The direct ring path: typed references write into the input ring from the caller's thread; replies complete from the output pump.</summary>
public sealed class KernelRefTests : KernelActorTestBase
{
    [Fact]
    public async Task Asks_from_four_threads_with_faults_injected_mid_stream_are_each_answered_exactly_once()
    {
        const int threads = 4;
        const int perThread = 1000;
        // Every 333rd message the kernel processes faults; the actor is restarted each time.
        long[] faultAt = Enumerable.Range(1, threads * perThread / 333).Select(i => i * 333L).ToArray();
        IActorRef kernel = Supervised(KernelActor.Props(Backend, KernelFaults.At(Tripler(capacity: 16), faultAt), (object?)null, Options()), Directive.Restart);
        KernelRef<Number, Number> direct = await kernel.GetKernelRefAsync<Number, Number>();

        int failed = 0;
        Task<long[]>[] callers = Enumerable.Range(0, threads).Select(t => Task.Run(async () =>
        {
            var answers = new long[perThread];
            for (int i = 0; i < perThread; i++)
            {
                long value = t * 1_000_000L + i + 1;
                try
                {
                    answers[i] = (await direct.Ask(new Number(value))).Value;
                }
                catch (KernelRequestFailedException error) when (error.ErrorCode == KernelErrorCodes.BodyFault)
                {
                    Interlocked.Increment(ref failed);
                    answers[i] = -1;
                }
            }

            return answers;
        })).ToArray();

        long[][] answers = await Task.WhenAll(callers);
        for (int t = 0; t < threads; t++)
        {
            for (int i = 0; i < perThread; i++)
            {
                if (answers[t][i] != -1)
                    Assert.Equal(3 * (t * 1_000_000L + i + 1), answers[t][i]);
            }
        }

        // Exactly the injected faults failed their Ask; every other Ask got its own exact reply.
        Assert.Equal(faultAt.Length, failed);
        for (int f = 0; f < faultAt.Length; f++)
            Assert.IsType<InjectedKernelFaultException>(ExpectKernelFault<KernelFaultedException>().InnerException?.InnerException);
        ExpectKernelLaunch(kernel, faultAt.Length + 1);
        Faults.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public async Task Tells_from_two_threads_reach_the_kernel_once_each_in_per_thread_order_and_replies_go_to_subscribers()
    {
        const int perThread = 5000;
        IActorRef kernel = Supervised(KernelActor.Props(Backend, Tripler(capacity: 8), (object?)null, Options()), Directive.Restart);
        TestProbe subscriber = CreateTestProbe();
        kernel.Tell(new SubscribeKernelOutput(subscriber.Ref));
        await kernel.Ask<Number>(new Number(0), AskTimeout); // the subscription is in place once this is answered
        KernelRef<Number, Number> direct = await kernel.GetKernelRefAsync<Number, Number>();

        await Task.WhenAll(Enumerable.Range(0, 2).Select(t => Task.Run(async () =>
        {
            for (int i = 1; i <= perThread; i++)
                await direct.TellAsync(new Number(t * 1_000_000L + i));
        })));

        long[] next = [1, 1];
        for (int n = 0; n < 2 * perThread; n++)
        {
            long tripled = subscriber.ExpectMsg<Number>(TimeSpan.FromSeconds(20)).Value;
            int thread = (int)(tripled / 3 / 1_000_000);
            Assert.Equal(thread * 1_000_000L + next[thread], tripled / 3);
            next[thread]++;
        }

        subscriber.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_full_ring_makes_TryTell_return_false_Tell_throw_and_TellAsync_wait_and_nothing_is_lost()
    {
        using var gate = new ManualResetEventSlim();
        IActorRef kernel = Supervised(KernelActor.Props(Backend, Gated(), gate, Options() ), Directive.Restart);
        TestProbe subscriber = CreateTestProbe();
        kernel.Tell(new SubscribeKernelOutput(subscriber.Ref));
        KernelRef<Number, Number> direct = await kernel.GetKernelRefAsync<Number, Number>();

        // The kernel holds the first message at the gate; the 64-slot ring then fills up.
        int written = 0;
        while (direct.TryTell(new Number(written + 1)))
            written++;
        Assert.InRange(written, 64, 65);
        Assert.Throws<RingFullException>(() => direct.Tell(new Number(written + 1)));
        ValueTask waiting = direct.TellAsync(new Number(written + 1));
        Assert.False(waiting.IsCompleted);

        gate.Set();
        await waiting;
        for (int i = 1; i <= written + 1; i++)
            ExpectKernelReply(subscriber, new Number(i));
    }

    [Fact]
    public async Task An_Ask_that_gets_no_reply_in_time_fails_naming_the_kernel_and_its_late_reply_goes_to_dead_letters()
    {
        using var gate = new ManualResetEventSlim();
        IActorRef kernel = Supervised(KernelActor.Props(Backend, Gated(), gate, Options()), Directive.Restart);
        KernelRef<Number, Number> direct = await kernel.GetKernelRefAsync<Number, Number>();

        var timeout = await Assert.ThrowsAsync<AskTimeoutException>(async () => await direct.Ask(new Number(1), TimeSpan.FromMilliseconds(100)));
        Assert.Contains("'gated'", timeout.Message, StringComparison.Ordinal);

        await EventFilter.DeadLetter<Number>(n => n.Value == 1).ExpectOneAsync(() =>
        {
            gate.Set();
            return Task.CompletedTask;
        });
        Assert.Equal(new Number(2), await direct.Ask(new Number(2)));
    }

    [Fact]
    public async Task An_Ask_without_a_time_limit_outlives_the_timeout_sweep_and_gets_its_reply()
    {
        using var gate = new ManualResetEventSlim();
        IActorRef kernel = Supervised(KernelActor.Props(Backend, Gated(), gate, Options()), Directive.Restart);
        KernelRef<Number, Number> direct = await kernel.GetKernelRefAsync<Number, Number>();

        // A timed Ask beside it keeps the sweep running past its own deadline.
        ValueTask<Number> unlimited = direct.Ask(new Number(1), Timeout.InfiniteTimeSpan);
        await Assert.ThrowsAsync<AskTimeoutException>(async () => await direct.Ask(new Number(2), TimeSpan.FromMilliseconds(50)));
        Assert.False(unlimited.IsCompleted);

        gate.Set();
        Assert.Equal(new Number(1), await unlimited);
    }

    [Fact]
    public async Task Asks_written_while_the_kernel_restarts_wait_in_the_ring_and_are_answered_once()
    {
        using var gate = new ManualResetEventSlim(initialState: true);
        IActorRef kernel = Supervised(KernelActor.Props(Backend, Gated(), gate, Options()), Directive.Restart);
        KernelRef<Number, Number> direct = await kernel.GetKernelRefAsync<Number, Number>();

        gate.Reset();
        ValueTask<Number> poison = direct.Ask(new Number(-1));
        ValueTask<Number>[] behind = Enumerable.Range(1, 20).Select(i => direct.Ask(new Number(i))).ToArray();
        gate.Set();

        await Assert.ThrowsAsync<KernelRequestFailedException>(async () => await poison);
        ExpectKernelLaunch(kernel, 2);
        for (int i = 0; i < behind.Length; i++)
            Assert.Equal(new Number(i + 1), await behind[i]);
    }

    [Fact]
    public async Task After_the_actor_stops_pending_Asks_fail_and_every_call_throws_KernelActorStoppedException()
    {
        using var entered = new SemaphoreSlim(0);
        using var gate = new ManualResetEventSlim();
        var holding = new RingKernel.Kernels.KernelDefinition<object?>("holding", Launch())
            .WithCpuMessage((kernel, _) =>
            {
                entered.Release();
                gate.Wait();
                kernel.Reply(kernel.Get<Number>());
            });
        var backend = new TrackingBackend(Backend);
        IActorRef kernel = Supervised(KernelActor.Props(backend, holding, (object?)null, Options()), Directive.Restart);
        KernelRef<Number, Number> direct = await kernel.GetKernelRefAsync<Number, Number>();
        Watch(kernel);

        ValueTask<Number> inHand = direct.Ask(new Number(1));
        ValueTask<Number> queued = direct.Ask(new Number(2));
        Assert.True(await entered.WaitAsync(TimeSpan.FromSeconds(10)), "the kernel never took the first message");
        Sys.Stop(kernel);
        await ExpectTerminatedAsync(kernel);
        // The release ends the kernel after its message in hand: let that message finish once the kernel is told to end.
        IRingKernel ending = backend.Kernels.Single();
        for (int waited = 0; ending.State != RingKernelState.Terminating; waited += 10)
        {
            Assert.True(waited < 10_000, $"The kernel was not told to end after the actor stopped; it is {ending.State}.");
            await Task.Delay(10);
        }

        gate.Set();

        Assert.Equal(new Number(1), await inHand);
        var failure = await Assert.ThrowsAsync<KernelRequestFailedException>(async () => await queued);
        Assert.Contains("stopped before the kernel processed it", failure.Message, StringComparison.Ordinal);
        await AwaitAssertAsync(() => Assert.Throws<KernelActorStoppedException>(() => direct.TryTell(new Number(3))), TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<KernelActorStoppedException>(async () => await direct.Ask(new Number(4)));
    }

    [Fact]
    public async Task A_reference_for_an_unregistered_type_is_refused_with_the_type_named()
    {
        IActorRef kernel = Supervised(KernelActor.Props(Backend, Tripler(), (object?)null, Options()), Directive.Restart);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => kernel.GetKernelRefAsync<Number, Unregistered>());
        Assert.Contains(nameof(Unregistered), error.Message, StringComparison.Ordinal);
        Assert.Same(await kernel.GetKernelRefAsync<Number, Number>(), await kernel.GetKernelRefAsync<Number, Number>());
    }

    [Fact]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2012", Justification = "Each Ask's ValueTask is kept until it is awaited once, below.")]
    public async Task Writing_a_message_allocates_nothing_on_the_calling_thread_once_warm()
    {
        IActorRef kernel = Supervised(KernelActor.Props(Backend, Tripler(capacity: 1024), (object?)null, Options()), Directive.Restart);
        KernelRef<Number, Number> direct = await kernel.GetKernelRefAsync<Number, Number>();
        var asks = new ValueTask<Number>[1000];
        var rounds = new List<long>();
        for (int round = 0; round < 6; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < asks.Length; i++)
                asks[i] = direct.Ask(new Number(i));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            for (int i = 0; i < asks.Length; i++)
                Assert.Equal(new Number(3L * i), await asks[i]);
            rounds.Add(allocated);
        }

        // A message costs nothing: one object each would be >= 24,000 bytes a round. What a round may cost is
        // per thread or per wake-up, not per message: the test resumes on pool or pump threads, and a thread's
        // first write registers it with the ring gate (its thread-local entry); waking a parked kernel queues a
        // pool work item.
        Assert.All(rounds.Skip(3), allocated => Assert.InRange(allocated, 0, 4_096));
    }

    private readonly record struct Unregistered(long Value);
}
