using RingKernel.Commands;
using RingKernel.Memory;
using RingKernel.Stencils;
using RingKernel.Vulkan;
using RingKernel.Vulkan.Commands;
using RingKernel.Vulkan.Memory;
using RingKernel.Vulkan.Stencils;

namespace RingKernel.Tests.Vulkan;

/// <summary>
/// What only Vulkan command queues do: waits on a submitted Vulkan signal held on the device, staged
/// uploads and downloads for DEVICE_LOCAL buffers, refusals of copies vkCmdCopyBuffer cannot make,
/// and the backend's disposal closing its queues. The behaviours every backend's queues share are in
/// Conformance/CommandQueueConformanceTests.
/// </summary>
public sealed class VulkanCommandQueueTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly VulkanBackend? _backend = VulkanBackend.IsAvailable ? new VulkanBackend() : null;
    private readonly List<IDisposable> _owned = [];

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
    public void An_overlapping_copy_and_a_copy_from_host_memory_are_refused_at_submission_and_take_no_number()
    {
        VulkanFacts.SkipUnlessAvailable();
        DeviceBuffer buffer = Allocate(256);
        using DeviceBuffer host = HostMemorySpace.Instance.Allocate(256);
        VulkanCommandQueue copies = Own(_backend!.CreateCommandQueue(QueueKind.Copy, "transfer"));

        Assert.Contains("overlap", Assert.Throws<ArgumentException>(() => copies.CopyAsync(buffer, 0, buffer, 40, 100)).Message, StringComparison.Ordinal);
        Assert.Contains("UploadAsync", Assert.Throws<ArgumentException>(() => copies.CopyAsync(host, 0, buffer, 0, 100)).Message, StringComparison.Ordinal);

        CommandToken token = copies.CopyAsync(buffer, 0, buffer, 128, 128);
        Assert.Equal(1UL, token.Value);
        Assert.True(token.Wait(Patience));
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
