using Akka.Actor;
using Akka.Event;
using Akka.TestKit;
using RingKernel.Kernels.Actors;
using RingKernel.Kernels.Persistent;
using RingKernel.Tests.Cpu.RingKernels;
using static RingKernel.Tests.KernelActors.KernelActorKernels;

namespace RingKernel.Tests.KernelActors;

/// <summary>
/// Fault injection through the actor: four host threads stream to one kernel actor whose kernel faults
/// on poison messages mid-stream and is restarted each time; every message gets exactly one reply.
/// </summary>
public sealed class KernelActorRestartStreamTests : KernelActorTestBase
{
    private const int Senders = 4;
    private const int PerSender = 1000;

    // Message i of every sender is poison when i % 250 == 125: four faults per sender, sixteen in all.
    private static bool IsPoison(int i) => i % 250 == 125;

    private static long ValueOf(int sender, int i) => sender * 1_000_000L + i + 1;

    [Fact]
    public async Task Faulted_mid_stream_from_four_senders_every_message_gets_exactly_one_reply_in_order()
    {
        TestProbe deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));

        // A small input ring, so that the actor's overflow queue and backpressure are part of the run.
        IActorRef kernel = Supervised(KernelActor.Props(Backend, Tripler(capacity: 16), (object?)null, Options()), Directive.Restart);
        TestProbe[] probes = [CreateTestProbe("tell-0"), CreateTestProbe("tell-1")];

        // Senders 0 and 1 tell with a probe as sender; senders 2 and 3 ask, one Ask per message.
        Task[] telling = Enumerable.Range(0, 2).Select(s => Task.Run(() =>
        {
            for (int i = 0; i < PerSender; i++)
                kernel.Tell(new Number(IsPoison(i) ? -ValueOf(s, i) : ValueOf(s, i)), probes[s].Ref);
        })).ToArray();
        Task<List<Task<Number>>>[] asking = Enumerable.Range(2, 2).Select(s => Task.Run(() =>
        {
            var asks = new List<Task<Number>>(PerSender);
            for (int i = 0; i < PerSender; i++)
                asks.Add(AskAsync<Number>(kernel, new Number(IsPoison(i) ? -ValueOf(s, i) : ValueOf(s, i))));
            return asks;
        })).ToArray();
        await Task.WhenAll(telling);

        // Told replies arrive in the order sent, poison ones as failures in their place.
        for (int s = 0; s < 2; s++)
        {
            List<object> replies = probes[s].ReceiveN(PerSender, TimeSpan.FromSeconds(20)).ToList();
            for (int i = 0; i < PerSender; i++)
            {
                if (IsPoison(i))
                    Assert.Equal(KernelErrorCodes.BodyFault, Assert.IsType<KernelRequestFailedException>(Assert.IsType<Status.Failure>(replies[i]).Cause).ErrorCode);
                else
                    Assert.Equal(new Number(3 * ValueOf(s, i)), replies[i]);
            }
        }

        for (int s = 2; s < 4; s++)
        {
            List<Task<Number>> asks = await asking[s - 2];
            for (int i = 0; i < PerSender; i++)
            {
                if (IsPoison(i))
                    await Assert.ThrowsAsync<KernelRequestFailedException>(() => asks[i]);
                else
                    Assert.Equal(new Number(3 * ValueOf(s, i)), await asks[i]);
            }
        }

        // One fault per poison message, each decided once; nothing answered twice or lost on the way.
        for (int f = 0; f < Senders * 4; f++)
            Assert.Contains("poison -", ExpectKernelFault<KernelFaultedException>().Message, StringComparison.Ordinal);
        Assert.Equal(new Number(3), await AskAsync<Number>(kernel, new Number(1)));
        Faults.ExpectNoMsg(TimeSpan.Zero);
        foreach (TestProbe probe in probes)
            probe.ExpectNoMsg(TimeSpan.Zero);
        deadLetters.ExpectNoMsg(TimeSpan.Zero);
    }
}
