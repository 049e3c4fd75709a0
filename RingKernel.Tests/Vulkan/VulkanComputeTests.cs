using RingKernel.Dispatch;
using RingKernel.Kernels;
using RingKernel.Memory;
using RingKernel.TestKernels.Vulkan;
using RingKernel.Vulkan;
using RingKernel.Vulkan.Kernels;
using RingKernel.Vulkan.Memory;

namespace RingKernel.Tests.Vulkan;

/// <summary>One-shot dispatches on a real Vulkan device (lavapipe in CI), results checked element by element.</summary>
public sealed class VulkanComputeTests : IDisposable
{
    private readonly VulkanBackend? _backend = VulkanBackend.IsAvailable ? new VulkanBackend() : null;

    private VulkanBackend Backend => _backend!;

    public void Dispose() => _backend?.Dispose();

    [SkippableFact]
    public void HostSharedBuffersAreZeroedMappedAlignedAndAddressable()
    {
        VulkanFacts.SkipUnlessAvailable();
        using DeviceBuffer first = Backend.MemorySpace.Allocate(1000);
        using DeviceBuffer second = Backend.MemorySpace.Allocate(24, alignment: 256);

        Assert.True(first.IsHostAccessible);
        Assert.Equal(Backend.MemorySpace.Kind, first.Kind);
        Assert.All(first.AsSpan().ToArray(), b => Assert.Equal(0, b));
        unsafe
        {
            Assert.Equal(0, (long)second.HostPointer % 256);
        }

        Assert.True(Backend.SupportsBufferDeviceAddress, "lavapipe has bufferDeviceAddress");
        Assert.NotEqual(0UL, first.DeviceAddress);
        Assert.NotEqual(first.DeviceAddress, second.DeviceAddress);
        Assert.Equal(0UL, second.DeviceAddress % 256);
    }

    [SkippableTheory]
    [InlineData(1, 64)]
    [InlineData(1000, 64)]
    [InlineData(4099, 256)]
    public void SaxpyMatchesTheHostExactly(int count, int workgroupSize)
    {
        VulkanFacts.SkipUnlessAvailable();
        float[] x = Values(count, 1), y = Values(count, 2);
        const float a = 0.37f;
        using DeviceBuffer xs = Upload(x), ys = Upload(y);

        Backend.Dispatch(VulkanKernels.Saxpy(count, workgroupSize), new SaxpyArgs(xs, ys, count, a));

        float[] expected = new float[count];
        for (int i = 0; i < count; i++)
            expected[i] = (a * x[i]) + y[i];
        Assert.Equal(expected, ys.AsSpan<float>(0, count).ToArray());
    }

    [SkippableFact]
    public void SaxpyWithPackedArgumentsReachesBuffersThroughDeviceAddresses()
    {
        VulkanFacts.SkipUnlessAvailable();
        const int count = 777;
        float[] x = Values(count, 3), y = Values(count, 4);
        using DeviceBuffer xs = Upload(x), ys = Upload(y);
        KernelDefinition<KernelArgumentBuffer> kernel = VulkanKernels.SaxpyByAddress(count);
        using var arguments = new KernelArgumentBuffer(kernel);
        arguments.Pack(xs, ys, (uint)count, -1.5f);

        Backend.Dispatch(kernel, arguments);
        arguments.Patch(3, 2f);
        Backend.Dispatch(kernel, arguments);

        float[] expected = new float[count];
        for (int i = 0; i < count; i++)
            expected[i] = (2f * x[i]) + ((-1.5f * x[i]) + y[i]);
        Assert.Equal(expected, ys.AsSpan<float>(0, count).ToArray());
    }

    [SkippableTheory]
    [InlineData(1, 1, 1)]
    [InlineData(100_003, 4, 256)]
    [InlineData(5000, 7, 96)]
    [InlineData(65_536, 16, 64)]
    public void ReductionSumsExactlyPerWorkgroupAndInTotal(int count, int workgroups, int workgroupSize)
    {
        VulkanFacts.SkipUnlessAvailable();
        var random = new Random(count);
        uint[] values = Enumerable.Range(0, count).Select(_ => (uint)random.Next(0, 1 << 20)).ToArray();
        using DeviceBuffer input = Backend.MemorySpace.Allocate(count * sizeof(uint));
        values.CopyTo(input.AsSpan<uint>(0, count));
        using DeviceBuffer sums = Backend.MemorySpace.Allocate((1 + workgroups) * sizeof(uint));

        Backend.Dispatch(VulkanKernels.ReduceSum(workgroups, workgroupSize), new ReduceSumArgs(input, sums, count));

        uint[] expectedPartials = new uint[workgroups];
        int stride = workgroups * workgroupSize;
        for (int i = 0; i < count; i++)
            expectedPartials[i % stride / workgroupSize] += values[i];
        uint[] result = sums.AsSpan<uint>(0, 1 + workgroups).ToArray();
        Assert.Equal(expectedPartials, result[1..]);
        Assert.Equal(values.Aggregate(0u, (s, v) => s + v), result[0]);
    }

    [SkippableFact]
    public void DeviceLocalBuffersAreFilledAndReadThroughStaging()
    {
        VulkanFacts.SkipUnlessAvailable();
        const int count = 513;
        float[] x = Values(count, 5), y = Values(count, 6);
        using VulkanBuffer xs = Backend.AllocateDeviceLocal(count * sizeof(float));
        using VulkanBuffer ys = Backend.AllocateDeviceLocal((count * sizeof(float)) + 2);
        Assert.False(xs.IsHostAccessible);
        Assert.Equal(MemorySpaceKind.Device, xs.Kind);
        byte[] zeroes = new byte[ys.Length];
        Backend.Download(ys, 0, zeroes);
        Assert.All(zeroes, b => Assert.Equal(0, b));

        Backend.Upload(System.Runtime.InteropServices.MemoryMarshal.AsBytes(x.AsSpan()), xs);
        Backend.Upload(System.Runtime.InteropServices.MemoryMarshal.AsBytes(y.AsSpan()), ys);
        Backend.Dispatch(VulkanKernels.Saxpy(count), new SaxpyArgs(xs, ys, count, 3f));
        float[] result = new float[count];
        Backend.Download(ys, 0, System.Runtime.InteropServices.MemoryMarshal.AsBytes(result.AsSpan()));

        Assert.Equal(x.Zip(y, (xi, yi) => (3f * xi) + yi).ToArray(), result);
        Assert.Throws<InvalidOperationException>(() => xs.AsSpan());
    }

    [SkippableFact]
    public async Task EveryDispatchIsOneCompletedSubmissionOnTheTimeline()
    {
        VulkanFacts.SkipUnlessAvailable();
        ulong before = Backend.CompletedSubmissions;
        KernelDefinition<object?> empty = VulkanKernels.Empty();
        for (int i = 0; i < 5; i++)
            Backend.Dispatch(empty, null);
        await Backend.DispatchAsync(empty, null);

        Assert.Equal(before + 6, Backend.CompletedSubmissions);
    }

    [SkippableFact]
    public void TimelineSemaphoresAreSignalledAndWaitedOnFromTheHost()
    {
        VulkanFacts.SkipUnlessAvailable();
        using VulkanTimelineSemaphore timeline = Backend.CreateTimelineSemaphore(3);
        Assert.Equal(3UL, timeline.Value);
        Assert.False(timeline.Wait(4, TimeSpan.FromMilliseconds(1)));

        var signaller = new Thread(() => timeline.Signal(10));
        signaller.Start();
        Assert.True(timeline.Wait(10, TimeSpan.FromSeconds(30)));
        signaller.Join();

        Assert.Equal(10UL, timeline.Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => timeline.Signal(10));
    }

    [SkippableFact]
    public void ABufferFromAnotherMemorySpaceOrAnUnsetBindingIsRefusedBeforeSubmission()
    {
        VulkanFacts.SkipUnlessAvailable();
        using DeviceBuffer host = HostMemorySpace.Instance.Allocate(64);
        using DeviceBuffer ours = Backend.MemorySpace.Allocate(64);
        ulong before = Backend.CompletedSubmissions;

        var foreign = Assert.Throws<ArgumentException>(() => Backend.Dispatch(VulkanKernels.Saxpy(16), new SaxpyArgs(host, ours, 16, 1f)));
        Assert.Contains("not allocated by this Vulkan backend", foreign.Message, StringComparison.Ordinal);
        var unset = new KernelDefinition<int>("unset", new LaunchOptions(1, 1))
            .WithVulkan(new VulkanKernelBody<int>(RingKernel.TestKernels.TestKernelFiles.Spirv("saxpy"), 2, 8, (_, _) => { }));
        var missing = Assert.Throws<ArgumentException>(() => Backend.Dispatch(unset, 0));
        Assert.Contains("left storage buffer binding 0 unset", missing.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Backend.Dispatch(new KernelDefinition<int>("cpu-only", new LaunchOptions(1, 1)), 0));

        Assert.Equal(before, Backend.CompletedSubmissions);
    }

    [SkippableFact]
    public void AnAbsurdBufferSizeFailsWithTheVulkanCommandAndResult()
    {
        VulkanFacts.SkipUnlessAvailable();

        var error = Assert.Throws<VulkanException>(() => Backend.MemorySpace.Allocate(1L << 60));

        Assert.True(error.Command is "vkCreateBuffer" or "vkAllocateMemory", error.Command);
        Assert.StartsWith("VK_ERROR_", error.ResultName, StringComparison.Ordinal);
        Assert.True(error.Result < 0);
        Assert.Equal($"{error.Command} failed: {error.ResultName}", error.Message);
        using DeviceBuffer after = Backend.MemorySpace.Allocate(64);
        Assert.True(after.IsHostAccessible);
    }

    private DeviceBuffer Upload(float[] values)
    {
        DeviceBuffer buffer = Backend.MemorySpace.Allocate(values.Length * sizeof(float));
        values.CopyTo(buffer.AsSpan<float>(0, values.Length));
        return buffer;
    }

    /// <summary>Arbitrary floats of mixed sign and magnitude, so rounding differences would show.</summary>
    private static float[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4)))).ToArray();
    }
}
