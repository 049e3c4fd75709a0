using Akka.Actor;
using Akka.Event;
using Akka.TestKit;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;
using RingKernel.Kernels.Actors;
using RingKernel.Tests.Cpu.RingKernels;
using static RingKernel.Tests.KernelActors.KernelActorKernels;

namespace RingKernel.Tests.KernelActors;

/// <summary>Asks are answered with the kernel's exact replies; output that answers no request goes to subscribers.</summary>
public sealed class KernelActorMessagingTests : KernelActorTestBase
{
    [Fact]
    public async Task Asks_to_a_tripler_kernel_each_get_their_own_exact_reply()
    {
        IActorRef kernel = Supervised(KernelActor.Props(Backend, Tripler(capacity: 8), (object?)null, Options()), Directive.Restart);
        Task<Number>[] replies = Enumerable.Range(1, 200).Select(i => AskAsync<Number>(kernel, new Number(i))).ToArray();
        Assert.Equal(Enumerable.Range(1, 200).Select(i => new Number(3L * i)), await Task.WhenAll(replies));
        Faults.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public async Task An_adder_kernel_answers_asks_with_its_running_total()
    {
        IActorRef kernel = Supervised(KernelActor.Props(Backend, RunningSum(), new long[1], Options()), Directive.Restart);
        for (int i = 1; i <= 100; i++)
            Assert.Equal(new Number((long)i * (i + 1) / 2), await AskAsync<Number>(kernel, new Number(i)));
    }

    [Fact]
    public void Messages_told_without_a_sender_are_forwarded_to_subscribers_in_order()
    {
        IActorRef kernel = Supervised(KernelActor.Props(Backend, Tripler(capacity: 4), (object?)null, Options()), Directive.Restart);
        TestProbe first = CreateTestProbe();
        TestProbe second = CreateTestProbe();
        kernel.Tell(new SubscribeKernelOutput(first.Ref));
        kernel.Tell(new SubscribeKernelOutput(second.Ref));
        for (int i = 1; i <= 50; i++)
            kernel.Tell(new Number(i), ActorRefs.NoSender);

        foreach (TestProbe probe in new[] { first, second })
        {
            for (int i = 1; i <= 50; i++)
                ExpectKernelReply(probe, new Number(3L * i));
        }

        // A request with a sender is answered to the sender only.
        TestProbe asker = CreateTestProbe();
        kernel.Tell(new Number(7), asker.Ref);
        ExpectKernelReply(asker, new Number(21));
        first.ExpectNoMsg(TimeSpan.Zero);

        kernel.Tell(new UnsubscribeKernelOutput(first.Ref));
        kernel.Tell(new Number(8), ActorRefs.NoSender);
        ExpectKernelReply(second, new Number(24));
        first.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void Output_nobody_subscribed_to_goes_to_dead_letters()
    {
        IActorRef kernel = Supervised(KernelActor.Props(Backend, Tripler(), (object?)null, Options()), Directive.Restart);
        EventFilter.DeadLetter<Number>(n => n.Value == 30).ExpectOne(() => kernel.Tell(new Number(10), ActorRefs.NoSender));
    }

    [Fact]
    public void A_message_of_an_unregistered_type_is_unhandled_and_never_reaches_the_ring()
    {
        IActorRef kernel = Supervised(KernelActor.Props(Backend, Tripler(), (object?)null, Options()), Directive.Restart);
        TestProbe unhandled = CreateTestProbe();
        Sys.EventStream.Subscribe(unhandled.Ref, typeof(UnhandledMessage));
        kernel.Tell("not a kernel payload");
        Assert.Equal("not a kernel payload", unhandled.ExpectMsg<UnhandledMessage>().Message);
        Faults.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Props_for_a_kernel_without_rings_are_refused_with_the_kernel_named()
    {
        var definition = new KernelDefinition<object?>("no-rings", new LaunchOptions(new Dim3(1), new Dim3(1))).WithCpuMessage(static (_, _) => { });
        var error = Assert.Throws<ArgumentException>(() => { KernelActor.Props(Backend, definition, (object?)null, Options()); });
        Assert.Contains("'no-rings'", error.Message, StringComparison.Ordinal);
    }
}
