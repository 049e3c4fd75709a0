using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using static RingKernel.Tests.Cpu.RingKernels.RingTestKernels;

namespace RingKernel.Tests.Cpu.RingKernels;

/// <summary>The watchdog reads idle as healthy, a frozen heartbeat with messages waiting as a stall, and a reported fault as a fault.</summary>
public class KernelWatchdogTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task An_idle_kernel_is_never_stalled_however_long_its_heartbeat_stands_still()
    {
        await using RunningKernel running = await StartAsync(Echo(), null);
        await SendAsync(running.Kernel, new Number(1), 1);
        await ReadRepliesAsync(running.Kernel, 1);
        var time = new ManualTime();
        var watchdog = new KernelWatchdog(running.Kernel, Timeout, time);
        for (int i = 0; i < 10; i++)
        {
            time.Advance(Timeout);
            Assert.Equal(KernelHealth.Idle, watchdog.Check());
        }
    }

    [Fact]
    public async Task A_kernel_stuck_on_a_message_with_more_waiting_is_stalled_after_the_timeout_and_only_then()
    {
        using var gate = new ManualResetEventSlim();
        var definition = new KernelDefinition<ManualResetEventSlim>("stuck", Options())
            .WithCpuMessage(static (kernel, gate) =>
            {
                gate.Wait();
                kernel.Reply(kernel.Get<Number>());
            });
        await using RunningKernel running = await StartAsync(definition, gate);
        var time = new ManualTime();
        var watchdog = new KernelWatchdog(running.Kernel, Timeout, time);
        await SendAsync(running.Kernel, new Number(1), 1);
        await SendAsync(running.Kernel, new Number(2), 2);

        Assert.Equal(KernelHealth.Healthy, watchdog.Check());
        time.Advance(Timeout - TimeSpan.FromTicks(1));
        Assert.Equal(KernelHealth.Healthy, watchdog.Check());
        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(KernelHealth.Stalled, watchdog.Check());

        gate.Set();
        Assert.Equal([(1UL, 1L), (2UL, 2L)], await ReadRepliesAsync(running.Kernel, 2));
        await running.Kernel.DeactivateAsync();
        Assert.Equal(KernelHealth.Healthy, watchdog.Check());
    }

    [Fact]
    public async Task An_inactive_kernel_with_queued_messages_is_not_stalled()
    {
        await using RunningKernel running = await StartAsync(Echo(), null);
        await running.Kernel.DeactivateAsync();
        await SendAsync(running.Kernel, new Number(1), 1);
        var time = new ManualTime();
        var watchdog = new KernelWatchdog(running.Kernel, Timeout, time);
        time.Advance(Timeout * 3);
        Assert.Equal(KernelHealth.Healthy, watchdog.Check());
    }

    [Fact]
    public async Task A_faulted_kernel_is_reported_faulted()
    {
        await using RunningKernel running = await StartAsync(Echo(), null);
        var watchdog = new KernelWatchdog(running.Kernel, Timeout, new ManualTime());
        await SendAsync(running.Kernel, new Number(Poison), 1);
        await Assert.ThrowsAsync<KernelFaultedException>(() => running.Kernel.Completion);
        Assert.Equal(KernelHealth.Faulted, watchdog.Check());
    }
}
