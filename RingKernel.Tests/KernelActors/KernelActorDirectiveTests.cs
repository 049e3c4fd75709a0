using Akka.Actor;
using Akka.TestKit;
using RingKernel.Kernels.Actors;
using RingKernel.Kernels.Persistent;
using RingKernel.TestKit;
using RingKernel.Tests.Cpu.RingKernels;
using static RingKernel.Tests.KernelActors.KernelActorKernels;

namespace RingKernel.Tests.KernelActors;

/// <summary>What each supervisor directive does with a kernel actor whose kernel faults on a poison message.</summary>
public sealed class KernelActorDirectiveTests : KernelActorTestBase
{
    [Fact]
    public async Task Restart_answers_the_poison_message_with_an_error_and_relaunches_with_fresh_arguments()
    {
        int launches = 0;
        Props props = KernelActor.Props(Backend, RunningSum(), () => { Interlocked.Increment(ref launches); return new long[1]; }, Options());
        IActorRef kernel = Supervised(props, Directive.Restart);
        Assert.Equal(new Number(5), await AskAsync<Number>(kernel, new Number(5)));

        var failure = await Assert.ThrowsAsync<KernelRequestFailedException>(() => AskAsync<Number>(kernel, new Number(-1)));
        Assert.Equal(KernelErrorCodes.BodyFault, failure.ErrorCode);
        Assert.Contains("poison -1", ExpectKernelFault<KernelFaultedException>().InnerException!.InnerException!.Message, StringComparison.Ordinal);
        Assert.True(ExpectKernelLaunch(kernel, 2).FreshArguments);

        Assert.Equal(new Number(5), await AskAsync<Number>(kernel, new Number(5)));
        Assert.Equal(new Number(7), await AskAsync<Number>(kernel, new Number(2)));
        Assert.Equal(2, launches);
    }

    [Fact]
    public async Task Restart_restores_the_last_checkpoint()
    {
        Props props = KernelActor.Props(Backend, RunningSum(), () => new long[1], Options(), SumCheckpoint());
        IActorRef kernel = Supervised(props, Directive.Restart);
        for (int i = 1; i <= 10; i++)
            await AskAsync<Number>(kernel, new Number(i));
        Assert.Equal(new KernelCheckpointSaved(sizeof(long), 10), await AskAsync<KernelCheckpointSaved>(kernel, SaveKernelCheckpoint.Instance));

        // Saved at 55; the 5 added after the checkpoint is lost with the faulted instance.
        Assert.Equal(new Number(60), await AskAsync<Number>(kernel, new Number(5)));
        await Assert.ThrowsAsync<KernelRequestFailedException>(() => AskAsync<Number>(kernel, new Number(-1)));
        ExpectKernelFault<KernelFaultedException>();
        Assert.Equal(new Number(56), await AskAsync<Number>(kernel, new Number(1)));
    }

    [Fact]
    public async Task A_checkpoint_request_without_a_checkpoint_fails()
    {
        IActorRef kernel = Supervised(KernelActor.Props(Backend, RunningSum(), new long[1], Options()), Directive.Restart);
        await Assert.ThrowsAsync<InvalidOperationException>(() => AskAsync<KernelCheckpointSaved>(kernel, SaveKernelCheckpoint.Instance));
    }

    [Fact]
    public async Task Resume_relaunches_a_faulted_kernel_in_place_keeping_its_arguments()
    {
        int launches = 0;
        Props props = KernelActor.Props(Backend, RunningSum(), () => { Interlocked.Increment(ref launches); return new long[1]; }, Options());
        IActorRef kernel = Supervised(props, Directive.Resume);
        Assert.Equal(new Number(5), await AskAsync<Number>(kernel, new Number(5)));

        await Assert.ThrowsAsync<KernelRequestFailedException>(() => AskAsync<Number>(kernel, new Number(-1)));
        ExpectKernelFault<KernelFaultedException>();
        Assert.False(ExpectKernelLaunch(kernel, 2).FreshArguments);

        Assert.Equal(new Number(10), await AskAsync<Number>(kernel, new Number(5)));
        Assert.Equal(1, launches);
    }

    [Fact]
    public async Task Stop_fails_every_pending_request_dead_letters_unanswerable_messages_and_frees_the_memory()
    {
        using var gate = new ManualResetEventSlim(initialState: true);
        var backend = new TrackingBackend(Backend);
        TestProbe released = CreateTestProbe();
        Sys.EventStream.Subscribe(released.Ref, typeof(KernelReleased));
        IActorRef kernel = Supervised(KernelActor.Props(backend, Gated(), gate, Options()), Directive.Stop);
        Watch(kernel);
        Assert.Equal(new Number(1), await AskAsync<Number>(kernel, new Number(1)));
        Assert.Equal(3, backend.LiveBuffers);

        gate.Reset();
        Task<Number> poison = AskAsync<Number>(kernel, new Number(-1));
        Task<Number> second = AskAsync<Number>(kernel, new Number(2));
        Task<Number> third = AskAsync<Number>(kernel, new Number(3));
        await EventFilter.DeadLetter<Number>(n => n.Value == 4).ExpectOneAsync(async () =>
        {
            kernel.Tell(new Number(4), ActorRefs.NoSender);
            gate.Set();
            await ExpectTerminatedAsync(kernel);
        });

        ExpectKernelFault<KernelFaultedException>();
        foreach (Task<Number> request in new[] { poison, second, third })
        {
            var failure = await Assert.ThrowsAsync<KernelRequestFailedException>(() => request);
            Assert.Contains("stopped before the kernel processed it", failure.Message, StringComparison.Ordinal);
        }

        await AwaitAssertAsync(() => Assert.Equal(0, backend.LiveBuffers), TimeSpan.FromSeconds(10));
        Assert.Equal("gated", released.ExpectMsg<KernelReleased>(r => r.Kernel.Equals(kernel)).KernelName);
        Assert.True(backend.Kernels.Single().Completion.IsCompleted);
    }

    [Fact]
    public async Task Escalate_hands_the_fault_to_the_grandparent()
    {
        Props kernelProps = KernelActor.Props(Backend, Tripler(), (object?)null, Options());
        TestProbe middleFaults = CreateTestProbe();
        Props parent = Props.Create(() => new KernelSupervisor(kernelProps, Directive.Escalate, middleFaults.Ref));
        // The test's supervisor (Stop) is the grandparent; the parent escalates.
        IActorRef middle = Supervised(parent, Directive.Stop, awaitLaunch: false);
        middle.Tell(KernelSupervisor.GetChild.Instance);
        IActorRef kernel = ExpectMsg<IActorRef>();
        Watch(kernel);
        Assert.Equal(new Number(3), await AskAsync<Number>(kernel, new Number(1)));

        Task<Number> poison = AskAsync<Number>(kernel, new Number(-1));
        middleFaults.ExpectMsg<KernelFaultedException>();
        ExpectKernelFault<KernelFaultedException>();
        await ExpectTerminatedAsync(kernel);
        await Assert.ThrowsAsync<KernelRequestFailedException>(() => poison);
    }

    [Fact]
    public async Task Props_start_one_actor_only()
    {
        Props props = KernelActor.Props(Backend, Tripler(), (object?)null, Options());
        IActorRef first = Supervised(props, Directive.Stop);
        Assert.Equal(new Number(3), await AskAsync<Number>(first, new Number(1)));
        Sys.ActorOf(Props.Create(() => new KernelSupervisor(props, Directive.Stop, Faults.Ref)));
        Assert.Contains("already belong to", ExpectKernelFault<ActorInitializationException>().InnerException!.Message, StringComparison.Ordinal);
    }
}
