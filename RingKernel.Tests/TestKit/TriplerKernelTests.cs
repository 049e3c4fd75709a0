using Akka.Actor;
using Akka.TestKit;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;
using RingKernel.Kernels.Actors;
using RingKernel.Kernels.Persistent;
using RingKernel.TestKit;

namespace RingKernel.Tests.TestKit;

/// <summary>The complete test RingKernel.TestKit's README shows, kept here so that the README's code compiles and passes.</summary>
public sealed class TriplerKernelTests : KernelTestKit
{
    private static readonly KernelDefinition<object?> Tripler = new KernelDefinition<object?>("tripler", new LaunchOptions(new Dim3(1), new Dim3(1)) { InputRingCapacity = 64, OutputRingCapacity = 64 })
        .WithCpuMessage(static (kernel, _) => kernel.Reply(new Value(kernel.Get<Value>().Number * 3)));

    private static readonly KernelActorOptions Options = new() { Messages = new KernelMessageTypes().Add<Value>(1) };

    [Fact]
    public async Task A_fault_at_the_third_message_fails_that_request_only_and_the_kernel_is_restarted()
    {
        // The kernel faults while processing its 3rd message; its parent restarts it.
        IActorRef kernel = Supervised(KernelActor.Props(Backend, KernelFaults.At(Tripler, 3), (object?)null, Options), Directive.Restart);
        TestProbe client = CreateTestProbe();

        for (long i = 1; i <= 5; i++)
            kernel.Tell(new Value(i), client.Ref);

        ExpectKernelReply(client, new Value(3));
        ExpectKernelReply(client, new Value(6));
        var failed = client.ExpectMsg<Status.Failure>();
        Assert.IsType<KernelRequestFailedException>(failed.Cause);
        ExpectKernelReply(client, new Value(12));
        ExpectKernelReply(client, new Value(15));

        Assert.IsType<InjectedKernelFaultException>(ExpectKernelFault<KernelFaultedException>().InnerException?.InnerException);
        Assert.True(ExpectKernelLaunch(kernel, 2).FreshArguments);

        // The direct path answers as the mailbox does.
        KernelRef<Value, Value> direct = await kernel.GetKernelRefAsync<Value, Value>();
        Assert.Equal(new Value(21), await direct.Ask(new Value(7)));
    }

    [Fact]
    public void Fault_injection_needs_a_CPU_message_body_and_counts_messages_from_one()
    {
        var noBody = new KernelDefinition<object?>("no-body", Tripler.Options);
        Assert.Contains("'no-body'", Assert.Throws<ArgumentException>(() => KernelFaults.At(noBody, 1)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => KernelFaults.At(Tripler, 0));
    }

    [Fact]
    public void The_TestKit_README_shows_the_first_test_of_this_class_line_for_line()
    {
        string readme = File.ReadAllText(Path.Combine(Layouts.LayoutHeaderFiles.RepositoryRoot, "RingKernel.TestKit", "README.md"));
        string source = File.ReadAllText(Path.Combine(Layouts.LayoutHeaderFiles.RepositoryRoot, "RingKernel.Tests", "TestKit", "TriplerKernelTests.cs"));
        int start = readme.IndexOf("```csharp", StringComparison.Ordinal) + "```csharp".Length;
        string shown = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        string[] sourceLines = source.Split('\n');
        foreach (string line in shown.Split('\n').Where(l => l.Trim().Length > 0 && !l.StartsWith("namespace", StringComparison.Ordinal)))
            Assert.Contains(line, sourceLines);
    }

    [Fact]
    public void The_clock_is_manual_only_when_asked_for()
    {
        Assert.Throws<InvalidOperationException>(() => Clock);
    }

    public readonly record struct Value(long Number);
}
