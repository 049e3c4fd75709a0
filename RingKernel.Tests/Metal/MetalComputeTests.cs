using RingKernel.Commands;
using RingKernel.Kernels;
using RingKernel.Memory;
using RingKernel.Metal;
using RingKernel.Metal.Kernels;
using RingKernel.Stencils;
using RingKernel.Tests.Vulkan;
using RingKernel.TestKernels.Vulkan;
using RingKernel.Vulkan.Stencils;

namespace RingKernel.Tests.Metal;

/// <summary>
/// The Vulkan kernels' MSL on a Metal device: saxpy and the heat and wave steps match their C#
/// references bit for bit (fast math is off, and the translation keeps every operation separately
/// rounded); private memory starts zeroed; a kernel without a Metal body is refused by name.
/// </summary>
public sealed class MetalComputeTests : IDisposable
{
    private readonly MetalBackend? _backend = MetalBackend.IsAvailable ? new MetalBackend() : null;

    public void Dispose() => _backend?.Dispose();

    [SkippableTheory]
    [InlineData(1, 1)]
    [InlineData(1000, 64)]
    [InlineData(4099, 256)]
    public void SaxpyMatchesCSharpBitForBit(int count, int workgroup)
    {
        MetalFacts.SkipUnlessAvailable();
        var random = new Random(count);
        float[] x = [.. Enumerable.Range(0, count).Select(_ => (float)random.NextDouble() - 0.5f)];
        float[] y = [.. Enumerable.Range(0, count).Select(_ => (float)random.NextDouble() * 3f)];
        using DeviceBuffer xs = _backend!.MemorySpace.Allocate(count * sizeof(float));
        using DeviceBuffer ys = _backend.MemorySpace.Allocate(count * sizeof(float));
        x.CopyTo(xs.AsSpan<float>(0, count));
        y.CopyTo(ys.AsSpan<float>(0, count));

        _backend.Dispatch(VulkanKernels.Saxpy(count, workgroup).WithMetal(), new SaxpyArgs(xs, ys, count, 1.7f));

        float[] expected = [.. x.Zip(y, (a, b) => (1.7f * a) + b)];
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), ys.AsSpan<float>(0, count).ToArray().Select(BitConverter.SingleToInt32Bits));
    }

    [SkippableTheory]
    [InlineData(17, 13, BoundaryKind.Fixed, 16, 16)]
    [InlineData(64, 64, BoundaryKind.Periodic, 16, 16)]
    [InlineData(129, 70, BoundaryKind.Periodic, 32, 8)]
    public void HeatStepsMatchTheReferenceBitForBit(int width, int height, BoundaryKind boundaryKind, int workgroupX, int workgroupY)
    {
        MetalFacts.SkipUnlessAvailable();
        HeatEquation2D equation = VulkanHeatTests.StepCheckEquation(width, height, boundaryKind);
        VulkanHeatTests.AssertStepsMatchTheReference(_backend!.MemorySpace, equation, VulkanHeatKernel2D.Create(equation, workgroupX, workgroupY).WithMetal(), (kernel, args) => _backend.Dispatch(kernel, args));
    }

    [SkippableTheory]
    [InlineData(9, 7, 5, BoundaryKind.Fixed)]
    [InlineData(16, 16, 16, BoundaryKind.Periodic)]
    public void WaveStepsMatchTheReferenceBitForBit(int width, int height, int depth, BoundaryKind boundaryKind)
    {
        MetalFacts.SkipUnlessAvailable();
        StencilBoundary boundary = boundaryKind == BoundaryKind.Fixed ? StencilBoundary.Fixed(0.5f) : StencilBoundary.Periodic;
        var equation = new WaveEquation3D(new GridSize(width, height, depth), 0.2f, boundary);
        int cells = equation.Size.CellCount;
        float[] previous = VulkanHeatTests.RandomField(equation.Size, cells);
        float[] current = VulkanHeatTests.RandomField(equation.Size, cells + 1);
        using DeviceBuffer older = _backend!.MemorySpace.Allocate(cells * sizeof(float));
        using DeviceBuffer newer = _backend.MemorySpace.Allocate(cells * sizeof(float));
        previous.CopyTo(older.AsSpan<float>(0, cells));
        current.CopyTo(newer.AsSpan<float>(0, cells));
        KernelDefinition<VulkanWaveArgs> kernel = VulkanWaveKernel3D.Create(equation).WithMetal();
        DeviceBuffer a = older, b = newer;

        for (int step = 1; step <= 4; step++)
        {
            _backend.Dispatch(kernel, new VulkanWaveArgs(a, b));
            WaveReference3D.Run(equation, previous, current, 1);
            (a, b) = (b, a);
            VulkanWaveTests.AssertBitEqual(current, b.AsSpan<float>(0, cells).ToArray(), equation.Size, $"wave step {step}, current level");
            VulkanWaveTests.AssertBitEqual(previous, a.AsSpan<float>(0, cells).ToArray(), equation.Size, $"wave step {step}, previous level");
        }
    }

    [SkippableFact]
    public void PrivateMemoryStartsZeroedAndIsReachedThroughACopy()
    {
        MetalFacts.SkipUnlessAvailable();
        using DeviceBuffer device = _backend!.AllocatePrivate(1000);
        using DeviceBuffer host = _backend.MemorySpace.Allocate(1000);
        host.AsSpan().Fill(0xAB);
        using var queue = _backend.CreateCommandQueue(QueueKind.Copy, "read-back");

        queue.CopyAsync(device, 0, host, 0, 1000).Wait();

        Assert.False(device.IsHostAccessible);
        Assert.Equal(MemorySpaceKind.Device, device.Kind);
        Assert.All(host.AsSpan().ToArray(), b => Assert.Equal(0, b));
    }

    [SkippableFact]
    public void AKernelWithoutAMetalBodyIsRefusedByName()
    {
        MetalFacts.SkipUnlessAvailable();
        using DeviceBuffer xs = _backend!.MemorySpace.Allocate(16);

        var error = Assert.Throws<ArgumentException>(() => _backend.Dispatch(VulkanKernels.Saxpy(4), new SaxpyArgs(xs, xs, 4, 1f)));
        Assert.Contains("'saxpy' has no Metal body", error.Message, StringComparison.Ordinal);
    }
}
