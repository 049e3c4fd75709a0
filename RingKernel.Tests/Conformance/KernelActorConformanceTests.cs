using Akka.Actor;
using Akka.TestKit;
using RingKernel.Kernels.Actors;
using RingKernel.Kernels.Persistent;
using RingKernel.TestKit;
using static RingKernel.Tests.Conformance.ConformanceKernels;

namespace RingKernel.Tests.Conformance;

/// <summary>
/// What a kernel actor does alike on every backend, with the conformance echo kernel (it replies with the
/// number it received and faults on <see cref="ConformanceKernels.Poison"/>): Asks answered exactly and in
/// order, four senders each answered once, a fault and restart that lose nothing, and a stop that answers
/// everything. Runs once per backend fixture.
/// </summary>
public abstract class KernelActorConformanceTests(RingBackendFixture fixture) : KernelTestKit(() => fixture.Backend)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task Asks_one_after_another_each_get_their_exact_reply()
    {
        IActorRef kernel = Supervised(KernelActor.Props(Backend, Echo(), (object?)null, ActorOptions()), Directive.Restart);
        for (int i = 1; i <= 200; i++)
            Assert.Equal(new Number(i * 7L), await kernel.Ask<Number>(new Number(i * 7L), AskTimeout));
        Faults.ExpectNoMsg(TimeSpan.Zero);
    }

    [SkippableFact]
    public async Task Four_senders_each_get_exactly_one_reply_per_message_in_the_order_they_sent()
    {
        const int perSender = 500;
        IActorRef kernel = Supervised(KernelActor.Props(Backend, Echo(Options(capacity: 16)), (object?)null, ActorOptions()), Directive.Restart);
        TestProbe[] senders = Enumerable.Range(0, 4).Select(s => CreateTestProbe($"sender-{s}")).ToArray();
        await Task.WhenAll(senders.Select((probe, s) => Task.Run(() =>
        {
            for (int i = 1; i <= perSender; i++)
                kernel.Tell(new Number(s * 1_000_000L + i), probe.Ref);
        })));

        for (int s = 0; s < senders.Length; s++)
        {
            for (int i = 1; i <= perSender; i++)
                ExpectKernelReply(senders[s], new Number(s * 1_000_000L + i), AskTimeout);
            senders[s].ExpectNoMsg(TimeSpan.Zero);
        }
    }

    [SkippableFact]
    public async Task A_fault_restarts_the_kernel_and_every_message_queued_behind_it_is_answered()
    {
        IActorRef kernel = Supervised(KernelActor.Props(Backend, Echo(), (object?)null, ActorOptions()), Directive.Restart);
        KernelRef<Number, Number> direct = await kernel.GetKernelRefAsync<Number, Number>();
        Assert.Equal(new Number(1), await direct.Ask(new Number(1)));

        ValueTask<Number> poison = direct.Ask(new Number(Poison));
        var behind = new List<Task<Number>>();
        for (int i = 2; i <= 30; i++)
            behind.Add(direct.Ask(new Number(i)).AsTask());

        var failure = await Assert.ThrowsAsync<KernelRequestFailedException>(async () => await poison);
        Assert.Equal(KernelErrorCodes.BodyFault, failure.ErrorCode);
        ExpectKernelFault<KernelFaultedException>(AskTimeout);
        ExpectKernelLaunch(kernel, 2, AskTimeout);
        Assert.Equal(Enumerable.Range(2, 29).Select(i => new Number(i)), await Task.WhenAll(behind));
        Faults.ExpectNoMsg(TimeSpan.Zero);
    }

    [SkippableFact]
    public async Task Stop_answers_every_request_and_frees_the_kernel_memory()
    {
        var backend = new TrackingBackend(Backend);
        IActorRef kernel = Supervised(KernelActor.Props(backend, Echo(Options(capacity: 16)), (object?)null, ActorOptions()), Directive.Restart);
        Watch(kernel);
        Assert.Equal(new Number(1), await kernel.Ask<Number>(new Number(1), AskTimeout));

        // Many more requests than the ring holds, then a stop: each is answered, with its reply or a failure.
        Task<Number>[] requests = Enumerable.Range(2, 200).Select(i => kernel.Ask<Number>(new Number(i), AskTimeout)).ToArray();
        kernel.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(kernel);

        int answered = 0, failed = 0;
        for (int i = 0; i < requests.Length; i++)
        {
            try
            {
                Assert.Equal(new Number(i + 2), await requests[i]);
                answered++;
            }
            catch (KernelRequestFailedException)
            {
                failed++;
            }
        }

        Assert.Equal(requests.Length, answered + failed);
        await AwaitAssertAsync(() => Assert.Equal(0, backend.LiveBuffers), AskTimeout);
        Assert.All(backend.Kernels, k => Assert.True(k.Completion.IsCompleted));
    }

    private static KernelActorOptions ActorOptions() => new()
    {
        Messages = new KernelMessageTypes().Add<Number>(NumberTypeId),
        WatchdogInterval = TimeSpan.FromSeconds(1),
        StallTimeout = TimeSpan.FromSeconds(20),
        AskTimeout = AskTimeout,
    };
}
