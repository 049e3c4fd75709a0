using System.Diagnostics;
using Akka.Actor;
using RingKernel.Kernels;
using RingKernel.Kernels.Actors;
using RingKernel.Telemetry;
using RingKernel.TestKit;
using RingKernel.Tests.Cpu.RingKernels;
using RingKernel.Tests.KernelActors;
using static RingKernel.Tests.KernelActors.KernelActorKernels;
using static RingKernel.Tests.Telemetry.TelemetryKernels;

namespace RingKernel.Tests.Telemetry;

/// <summary>A kernel actor's launches, faults, restarts, rings and Asks, counted exactly after known traffic.</summary>
public sealed class KernelActorTelemetryTests : KernelActorTestBase
{
    private const int InputCapacity = 64;

    [Fact]
    public async Task Under_Restart_three_injected_faults_count_four_launches_three_faults_and_three_restarts()
    {
        string name = UniqueName("restarting");
        using var recorder = new TelemetryRecorder(RingKernelTags.KernelName, name);
        KernelDefinition<object?> definition = KernelFaults.At(Tripler(name), 2, 4, 6);
        IActorRef kernel = Supervised(KernelActor.Props(Backend, definition, (object?)null, Options()), Directive.Restart);

        int launch = 1;
        for (int i = 1; i <= 7; i++)
        {
            if (i % 2 == 0)
            {
                await Assert.ThrowsAsync<KernelRequestFailedException>(() => AskAsync<Number>(kernel, new Number(i)));
                ExpectKernelFault<Exception>();
                ExpectKernelLaunch(kernel, ++launch);
            }
            else
            {
                Assert.Equal(new Number(3 * i), await AskAsync<Number>(kernel, new Number(i)));
            }
        }

        Assert.Equal(4, recorder.Sum(RingKernelInstruments.KernelLaunches));
        Assert.Equal(3, recorder.Sum(RingKernelInstruments.KernelFaults));
        Assert.Equal(3, recorder.Sum(RingKernelInstruments.KernelRestarts));
        Assert.Equal(0, recorder.Sum(RingKernelInstruments.KernelWatchdogTrips));
        string path = kernel.Path.ToStringWithoutAddress();
        Assert.All(recorder.Recorded(RingKernelInstruments.KernelLaunches), r => Assert.Equal(path, r.Tags[RingKernelTags.ActorPath]));

        // Seven Asks through the mailbox: four answered, three failed by the faults.
        IReadOnlyList<Recorded> asks = recorder.Recorded(RingKernelInstruments.AskDuration);
        Assert.Equal(7, asks.Count);
        Assert.All(asks, a => Assert.Equal(RingKernelTags.PathMailbox, a.Tags[RingKernelTags.AskPath]));
        Assert.Equal(3, asks.Count(a => Equals(a.Tags.GetValueOrDefault(RingKernelTags.ErrorType), typeof(KernelRequestFailedException).FullName)));

        // Both rings saw all seven (the faulted messages were answered with error replies), and the kernel has committed them all.
        await AwaitAssertAsync(() =>
        {
            foreach (string role in new[] { RingKernelTags.RoleInput, RingKernelTags.RoleOutput })
            {
                Assert.Equal(7, recorder.ObserveOne(RingKernelInstruments.RingMessagesEnqueued, RingKernelTags.RingRole, role));
                Assert.Equal(7, recorder.ObserveOne(RingKernelInstruments.RingMessagesDequeued, RingKernelTags.RingRole, role));
                Assert.Equal(0, recorder.ObserveOne(RingKernelInstruments.RingDepth, RingKernelTags.RingRole, role));
                Assert.Equal(0, recorder.ObserveOne(RingKernelInstruments.RingMessagesRejected, RingKernelTags.RingRole, role));
            }
        });
        Assert.Equal(InputCapacity, recorder.ObserveOne(RingKernelInstruments.RingCapacity, RingKernelTags.RingRole, RingKernelTags.RoleInput));
    }

    [Fact]
    public async Task Every_direct_Ask_is_timed_once_and_traced_as_a_child_of_the_callers_activity()
    {
        string name = UniqueName("direct");
        using var recorder = new TelemetryRecorder(RingKernelTags.KernelName, name);
        using var tests = new ActivitySource($"tests-{name}");
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RingKernelTelemetry.ActivitySourceName || source == tests,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem(RingKernelTags.KernelName), name))
                {
                    lock (stopped)
                        stopped.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        IActorRef kernel = Supervised(KernelActor.Props(Backend, Tripler(name), (object?)null, Options()), Directive.Restart);
        KernelRef<Number, Number> direct = await kernel.GetKernelRefAsync<Number, Number>();

        using (Activity caller = tests.StartActivity("caller")!)
        {
            for (int i = 1; i <= 10; i++)
            {
                Assert.Equal(new Number(3 * i), await direct.Ask(new Number(i)));
                Assert.Same(caller, Activity.Current);
            }

            await Assert.ThrowsAsync<KernelRequestFailedException>(async () => await direct.Ask(new Number(-1)));
            ExpectKernelFault<Exception>();

            IReadOnlyList<Recorded> asks = recorder.Recorded(RingKernelInstruments.AskDuration);
            Assert.Equal(11, asks.Count);
            Assert.All(asks, a => Assert.Equal(RingKernelTags.PathDirect, a.Tags[RingKernelTags.AskPath]));
            Assert.Equal(typeof(KernelRequestFailedException).FullName, Assert.Single(asks, a => a.Tags.ContainsKey(RingKernelTags.ErrorType)).Tags[RingKernelTags.ErrorType]);

            lock (stopped)
            {
                Assert.Equal(11, stopped.Count);
                Assert.All(stopped, a =>
                {
                    Assert.Equal(RingKernelTelemetry.AskActivityName, a.OperationName);
                    Assert.Equal($"ask {name}", a.DisplayName);
                    Assert.Equal(caller.SpanId, a.ParentSpanId);
                });
                Assert.Single(stopped, a => a.Status == ActivityStatusCode.Error);
            }
        }
    }
}
