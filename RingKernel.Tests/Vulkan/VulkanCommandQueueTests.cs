using RingKernel.Commands;
using RingKernel.Memory;
using RingKernel.Stencils;
using RingKernel.Vulkan;
using RingKernel.Vulkan.Commands;
using RingKernel.Vulkan.Kernels;
using RingKernel.Vulkan.Memory;
using RingKernel.Vulkan.Stencils;

namespace RingKernel.Tests.Vulkan;

/// <summary>
/// Vulkan command queues on timeline semaphores, with the CPU queues' behaviours: ordering through
/// timeline signals across queues, asynchronous copies (staged for DEVICE_LOCAL buffers) with
/// tokens, refusals at submission, faults and disposal.
/// </summary>
public sealed class VulkanCommandQueueTests : IDisposable
{
    private const int Elements = 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly VulkanBackend? _backend;
    private readonly List<IDisposable> _owned = [];

    public VulkanCommandQueueTests()
    {
        if (VulkanBackend.IsAvailable)
            _backend = new VulkanBackend();
    }

    [SkippableFact]
    public async Task A_queue_waiting_on_another_queues_signal_sees_its_data_round_after_round()
    {
        VulkanFacts.SkipUnlessAvailable();
        const int Rounds = 5;
        DeviceBuffer data = Allocate(Elements * sizeof(float));
        DeviceBuffer sums = Allocate(Elements * sizeof(float));
        DeviceBuffer[] rounds = new DeviceBuffer[Rounds];
        for (int round = 0; round < Rounds; round++)
        {
            rounds[round] = Allocate(Elements * sizeof(float));
            Span<float> values = rounds[round].AsSpan<float>(0, Elements);
            for (int i = 0; i < Elements; i++)
                values[i] = Value(round, i);
        }

        TimelineSignal produced = Own(new TimelineSignal("produced"));
        TimelineSignal consumed = Own(new TimelineSignal("consumed"));
        VulkanCommandQueue producer = Own(_backend!.CreateCommandQueue(QueueKind.Copy, "producer"));
        VulkanCommandQueue consumer = Own(_backend.CreateCommandQueue(QueueKind.Compute, "consumer"));
        var accumulate = VulkanKernels.Saxpy(Elements);

        // The consumer's rounds go in first: each can only start once the producer has signalled.
        var consumerTokens = new List<CommandToken>();
        for (int round = 0; round < Rounds; round++)
        {
            consumerTokens.Add(consumer.Submit(new CommandList()
                .Wait(produced, (ulong)round + 1)
                .Exec(accumulate, new SaxpyArgs(data, sums, Elements, 1f))
                .Signal(consumed, (ulong)round + 1)));
        }

        Assert.False(consumerTokens[0].IsCompleted);
        Assert.All(sums.AsSpan<float>(0, Elements).ToArray(), sum => Assert.Equal(0f, sum));
        for (int round = 0; round < Rounds; round++)
        {
            // The producer may overwrite the data only after the consumer has read the last round's.
            _ = producer.Submit(new CommandList()
                .Wait(consumed, (ulong)round)
                .Copy(rounds[round], 0, data, 0, Elements * sizeof(float))
                .MemoryBarrier()
                .Signal(produced, (ulong)round + 1));
        }

        await consumerTokens[^1].WaitAsync().WaitAsync(Patience);

        float[] expected = new float[Elements];
        for (int i = 0; i < Elements; i++)
        {
            for (int round = 0; round < Rounds; round++)
                expected[i] += Value(round, i);
        }

        Assert.Equal(expected, sums.AsSpan<float>(0, Elements).ToArray());
        Assert.All(consumerTokens, token => Assert.True(token.IsCompleted));
        Assert.Equal((ulong)Rounds, consumed.Value);
        Assert.Equal((ulong)Rounds, producer.Progress.Value);
    }

    [SkippableFact]
    public async Task A_wait_for_a_submitted_vulkan_signal_is_held_on_the_device_and_sees_all_the_work_before_it()
    {
        VulkanFacts.SkipUnlessAvailable();
        var equation = new HeatEquation2D(GridSize.Square(1024), 0.2f, StencilBoundary.Periodic);
        int cells = equation.Size.CellCount;
        float[] field = VulkanHeatTests.RandomField(equation.Size, 11);
        DeviceBuffer first = Allocate(cells * sizeof(float)), second = Allocate(cells * sizeof(float)), copy = Allocate(cells * sizeof(float));
        field.CopyTo(first.AsSpan<float>(0, cells));
        TimelineSignal computed = Own(new TimelineSignal("computed"));
        TimelineSignal copied = Own(new TimelineSignal("copied"));
        VulkanCommandQueue compute = Own(_backend!.CreateCommandQueue(QueueKind.Compute, "compute"));
        VulkanCommandQueue copies = Own(_backend.CreateCommandQueue(QueueKind.Copy, "copies"));
        var step = VulkanHeatKernel2D.Create(equation);

        // Forty steps (about 40 M cell updates) keep the device busy long after the copy queue has recorded its wait.
        const int Steps = 40;
        var steps = new CommandList();
        for (int i = 0; i < Steps; i++)
            steps.Exec(step, i % 2 == 0 ? new VulkanHeatArgs(first, second) : new VulkanHeatArgs(second, first));
        compute.Submit(steps.Signal(computed, 1));
        Assert.True(SpinWait.SpinUntil(() => compute.RecordedSubmissions == 1, Patience));
        CommandToken done = copies.Submit(new CommandList().Wait(computed, 1).Copy(first, 0, copy, 0, cells * sizeof(float)).Signal(copied, 1));
        await done.WaitAsync().WaitAsync(Patience);

        HeatReference2D.Run(equation, field, Steps);
        VulkanWaveTests.AssertBitEqual(field, copy.AsSpan<float>(0, cells).ToArray(), equation.Size, "the copy made after the wait");
        Assert.Equal((1L, 0L), (copies.DeviceWaits, copies.HostWaits));
        Assert.Equal(1UL, copied.Value);
    }

    [SkippableFact]
    public async Task An_async_copy_returns_a_token_after_which_exactly_the_range_has_landed()
    {
        VulkanFacts.SkipUnlessAvailable();
        DeviceBuffer source = Allocate(4096);
        DeviceBuffer destination = Allocate(4096);
        byte[] bytes = Pattern(4096);
        bytes.CopyTo(source.AsSpan());
        VulkanCommandQueue copies = Own(_backend!.CreateCommandQueue(QueueKind.Copy, "copies"));

        CommandToken first = copies.CopyAsync(source, 100, destination, 300, 2000);
        CommandToken second = copies.CopyAsync(source, 0, destination, 4000, 96);
        await second.WaitAsync().WaitAsync(Patience);

        Assert.True(first.IsCompleted);
        Assert.Equal(2UL, second.Value);
        byte[] expected = new byte[4096];
        bytes.AsSpan(100, 2000).CopyTo(expected.AsSpan(300));
        bytes.AsSpan(0, 96).CopyTo(expected.AsSpan(4000));
        Assert.Equal(expected, destination.AsSpan().ToArray());
    }

    [SkippableFact]
    public async Task Device_local_buffers_are_filled_and_read_back_through_staging_in_submission_order()
    {
        VulkanFacts.SkipUnlessAvailable();
        VulkanBuffer deviceA = Own(_backend!.AllocateDeviceLocal(8192));
        VulkanBuffer deviceB = Own(_backend.AllocateDeviceLocal(8192));
        Assert.False(deviceA.IsHostAccessible);
        byte[] bytes = Pattern(8192);
        byte[] readBack = new byte[3000];
        VulkanCommandQueue queue = Own(_backend.CreateCommandQueue(QueueKind.Copy, "staging"));

        CommandToken upload = queue.UploadAsync(bytes, deviceA);
        CommandToken onDevice = queue.CopyAsync(deviceA, 1000, deviceB, 5000, 3000);
        CommandToken overwrite = queue.UploadAsync(new byte[8192], deviceA);
        CommandToken download = queue.DownloadAsync(deviceB, 5000, readBack);
        await download.WaitAsync().WaitAsync(Patience);

        Assert.Equal([1UL, 2UL, 3UL, 4UL], new[] { upload.Value, onDevice.Value, overwrite.Value, download.Value });
        Assert.True(upload.IsCompleted && onDevice.IsCompleted && overwrite.IsCompleted);
        Assert.Equal(bytes.AsSpan(1000, 3000).ToArray(), readBack);
        byte[] zeros = new byte[16];
        Assert.True(queue.DownloadAsync(deviceA, 8000, zeros).Wait(Patience));
        Assert.Equal(new byte[16], zeros);
    }

    [SkippableFact]
    public void Work_a_queue_cannot_run_is_refused_at_submission_and_takes_no_number()
    {
        VulkanFacts.SkipUnlessAvailable();
        DeviceBuffer buffer = Allocate(256);
        using DeviceBuffer host = HostMemorySpace.Instance.Allocate(256);
        VulkanCommandQueue copies = Own(_backend!.CreateCommandQueue(QueueKind.Copy, "transfer"));

        var exec = Assert.Throws<ArgumentException>(() => copies.Submit(new CommandList().MemoryBarrier().Exec(VulkanKernels.Saxpy(4), new SaxpyArgs(buffer, buffer, 4, 1f))));
        Assert.Contains("command #1", exec.Message, StringComparison.Ordinal);
        Assert.Contains("'saxpy'", exec.Message, StringComparison.Ordinal);
        Assert.Contains("overlap", Assert.Throws<ArgumentException>(() => copies.CopyAsync(buffer, 0, buffer, 40, 100)).Message, StringComparison.Ordinal);
        Assert.Contains("UploadAsync", Assert.Throws<ArgumentException>(() => copies.CopyAsync(host, 0, buffer, 0, 100)).Message, StringComparison.Ordinal);

        CommandToken token = copies.CopyAsync(buffer, 0, buffer, 128, 128);
        Assert.Equal(1UL, token.Value);
        Assert.True(token.Wait(Patience));
    }

    [SkippableFact]
    public async Task A_throwing_command_faults_its_queue_and_everything_waiting_on_it_fails_with_the_command_named()
    {
        VulkanFacts.SkipUnlessAvailable();
        DeviceBuffer data = Allocate(Elements * sizeof(float));
        DeviceBuffer ones = Allocate(Elements * sizeof(float));
        ones.AsSpan<float>(0, Elements).Fill(1f);
        DeviceBuffer tooSmall = Allocate(16);
        TimelineSignal gate = Own(new TimelineSignal("gate"));
        TimelineSignal ready = Own(new TimelineSignal("ready"));
        TimelineSignal later = Own(new TimelineSignal("later"));
        TimelineSignal downstream = Own(new TimelineSignal("downstream"));
        VulkanCommandQueue failing = Own(_backend!.CreateCommandQueue(QueueKind.Compute, "failing"));
        VulkanCommandQueue waiting = Own(_backend.CreateCommandQueue(QueueKind.Compute, "waiting"));
        var saxpy = VulkanKernels.Saxpy(Elements);

        // Both of the failing queue's submissions are queued before anything runs.
        CommandToken faulting = failing.Submit(new CommandList()
            .Wait(gate, 1)
            .Exec(saxpy, new SaxpyArgs(ones, data, Elements, 5f))
            .Exec(saxpy, new SaxpyArgs(tooSmall, data, Elements, 1f))
            .Signal(ready, 1));
        CommandToken queuedBehind = failing.Submit(new CommandList().Signal(later, 1));
        CommandToken dependent = waiting.Submit(new CommandList().Wait(ready, 1).Signal(downstream, 1));
        gate.Signal(1);

        var error = await Assert.ThrowsAsync<TimelineSignalFaultedException>(() => faulting.WaitAsync().WaitAsync(Patience));
        var fault = Assert.IsType<CommandQueueFaultedException>(error.InnerException);
        Assert.Equal(("failing", QueueKind.Compute, 1UL, 2), (fault.QueueName, fault.QueueKind, fault.Submission, fault.CommandIndex));
        Assert.Equal("Exec kernel 'saxpy'", fault.Command);
        Assert.IsType<ArgumentException>(fault.InnerException);
        Assert.All(data.AsSpan<float>(0, Elements).ToArray(), v => Assert.Equal(5f, v));

        Assert.Same(fault, Assert.Throws<TimelineSignalFaultedException>(() => ready.Wait(1)).InnerException);
        Assert.Same(fault, (await Assert.ThrowsAsync<TimelineSignalFaultedException>(() => queuedBehind.WaitAsync().WaitAsync(Patience))).InnerException);
        Assert.Same(fault, Assert.Throws<TimelineSignalFaultedException>(() => later.Wait(1)).InnerException);

        // The other queue's Wait fails instead of hanging, faulting that queue in turn.
        var dependentError = await Assert.ThrowsAsync<TimelineSignalFaultedException>(() => dependent.WaitAsync().WaitAsync(Patience));
        var dependentFault = Assert.IsType<CommandQueueFaultedException>(dependentError.InnerException);
        Assert.Equal(("waiting", 0, "Wait ready >= 1"), (dependentFault.QueueName, dependentFault.CommandIndex, dependentFault.Command));
        Assert.Throws<TimelineSignalFaultedException>(() => downstream.Wait(1));

        Assert.Same(fault, failing.Fault);
        var refused = Assert.Throws<InvalidOperationException>(() => failing.Submit(new CommandList().MemoryBarrier()));
        Assert.Same(fault, refused.InnerException);
    }

    [SkippableFact]
    public void Disposing_a_queue_with_pending_work_cancels_it_and_fails_its_tokens_and_signals()
    {
        VulkanFacts.SkipUnlessAvailable();
        TimelineSignal never = Own(new TimelineSignal("never"));
        TimelineSignal first = Own(new TimelineSignal("first"));
        TimelineSignal second = Own(new TimelineSignal("second"));
        VulkanCommandQueue queue = _backend!.CreateCommandQueue(QueueKind.Compute, "disposed");
        CommandToken done = queue.Submit(new CommandList().MemoryBarrier());
        Assert.True(done.Wait(Patience));
        CommandToken blocked = queue.Submit(new CommandList().Wait(never, 1).Signal(first, 1));
        CommandToken behind = queue.Submit(new CommandList().Signal(second, 1));

        queue.Dispose();

        Assert.True(done.IsCompleted);
        var error = Assert.Throws<TimelineSignalFaultedException>(() => blocked.Wait());
        var fault = Assert.IsType<CommandQueueFaultedException>(error.InnerException);
        Assert.IsType<ObjectDisposedException>(fault.InnerException);
        Assert.Equal((2UL, 0), (fault.Submission, fault.CommandIndex));
        Assert.Throws<TimelineSignalFaultedException>(() => behind.Wait());
        Assert.Throws<TimelineSignalFaultedException>(() => first.Wait(1));
        Assert.Throws<TimelineSignalFaultedException>(() => second.Wait(1));
        Assert.Equal(0UL, never.Value);
        Assert.Throws<ObjectDisposedException>(() => queue.Submit(new CommandList()));
    }

    [SkippableFact]
    public void Disposing_the_backend_closes_the_queues_still_open_and_fails_their_pending_work()
    {
        VulkanFacts.SkipUnlessAvailable();
        var backend = new VulkanBackend();
        TimelineSignal never = Own(new TimelineSignal("never"));
        VulkanCommandQueue queue = backend.CreateCommandQueue(QueueKind.Compute, "left-open");
        DeviceBuffer buffer = backend.MemorySpace.Allocate(64);
        CommandToken done = queue.CopyAsync(buffer, 0, buffer, 32, 32);
        Assert.True(done.Wait(Patience));
        CommandToken blocked = queue.Submit(new CommandList().Wait(never, 1));

        backend.Dispose();

        var error = Assert.Throws<TimelineSignalFaultedException>(() => blocked.Wait());
        Assert.IsType<ObjectDisposedException>(Assert.IsType<CommandQueueFaultedException>(error.InnerException).InnerException);
        Assert.Throws<ObjectDisposedException>(() => queue.Submit(new CommandList()));
        Assert.True(buffer.IsDisposed);
    }

    public void Dispose()
    {
        // Queues first: their threads may still touch the signals and buffers.
        foreach (IDisposable owned in Enumerable.Reverse(_owned))
            owned.Dispose();
        _backend?.Dispose();
    }

    private static float Value(int round, int index) => (index * 3) + (round * 1000) + 1;

    private static byte[] Pattern(int length)
    {
        byte[] bytes = new byte[length];
        for (int i = 0; i < bytes.Length; i++)
            bytes[i] = (byte)((i * 7) + 3);
        return bytes;
    }

    private DeviceBuffer Allocate(long bytes) => Own(_backend!.MemorySpace.Allocate(bytes));

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
