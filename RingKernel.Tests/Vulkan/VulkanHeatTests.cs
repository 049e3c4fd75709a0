using RingKernel.Kernels;
using RingKernel.Memory;
using RingKernel.Stencils;
using RingKernel.Vulkan;
using RingKernel.Vulkan.Stencils;

namespace RingKernel.Tests.Vulkan;

/// <summary>The heat step on the device matches <see cref="HeatReference2D"/> bit for bit, step after step.</summary>
public sealed class VulkanHeatTests : IDisposable
{
    private readonly VulkanBackend? _backend = VulkanBackend.IsAvailable ? new VulkanBackend() : null;

    public void Dispose() => _backend?.Dispose();

    public static TheoryData<int, int, BoundaryKind, int, int, VulkanStencilMemory> Cases()
    {
        var cases = new TheoryData<int, int, BoundaryKind, int, int, VulkanStencilMemory>();
        foreach (VulkanStencilMemory memory in Enum.GetValues<VulkanStencilMemory>())
        {
            cases.Add(1, 1, BoundaryKind.Periodic, 16, 16, memory);
            cases.Add(17, 13, BoundaryKind.Fixed, 16, 16, memory);
            cases.Add(17, 13, BoundaryKind.Periodic, 16, 16, memory);
            cases.Add(100, 37, BoundaryKind.Fixed, 8, 4, memory);
            cases.Add(64, 64, BoundaryKind.Periodic, 16, 16, memory);
            cases.Add(129, 70, BoundaryKind.Periodic, 32, 8, memory);
            cases.Add(2, 3, BoundaryKind.Fixed, 1, 1, memory);
            cases.Add(1, 9, BoundaryKind.Periodic, 1, 4, memory);
            cases.Add(9, 1, BoundaryKind.Fixed, 4, 1, memory);
        }

        return cases;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void StepsMatchTheReferenceBitForBit(int width, int height, BoundaryKind boundaryKind, int workgroupX, int workgroupY, VulkanStencilMemory memory)
    {
        VulkanFacts.SkipUnlessAvailable();
        HeatEquation2D equation = StepCheckEquation(width, height, boundaryKind);
        AssertStepsMatchTheReference(_backend!.MemorySpace, equation, VulkanHeatKernel2D.Create(equation, workgroupX, workgroupY, memory), (kernel, args) => _backend.Dispatch(kernel, args));
    }

    /// <summary>The equation of a step check: <paramref name="width"/> x <paramref name="height"/> cells, alpha 0.23, fixed at 0.75 or periodic.</summary>
    internal static HeatEquation2D StepCheckEquation(int width, int height, BoundaryKind boundaryKind) =>
        new(new GridSize(width, height), 0.23f, boundaryKind == BoundaryKind.Fixed ? StencilBoundary.Fixed(0.75f) : StencilBoundary.Periodic);

    /// <summary>Six steps of <paramref name="kernel"/> from a random field, each dispatched by <paramref name="dispatch"/> on buffers of <paramref name="memory"/>, match <see cref="HeatReference2D"/> bit for bit.</summary>
    internal static void AssertStepsMatchTheReference(IMemorySpace memory, HeatEquation2D equation, KernelDefinition<VulkanHeatArgs> kernel, Action<KernelDefinition<VulkanHeatArgs>, VulkanHeatArgs> dispatch)
    {
        float[] field = RandomField(equation.Size, equation.Size.CellCount);
        float[] reference = (float[])field.Clone();
        using DeviceBuffer current = memory.Allocate(field.Length * sizeof(float));
        using DeviceBuffer next = memory.Allocate(field.Length * sizeof(float));
        field.CopyTo(current.AsSpan<float>(0, field.Length));
        DeviceBuffer from = current, to = next;

        for (int step = 1; step <= 6; step++)
        {
            dispatch(kernel, new VulkanHeatArgs(from, to));
            HeatReference2D.Run(equation, reference, 1);
            (from, to) = (to, from);
            VulkanWaveTests.AssertBitEqual(reference, from.AsSpan<float>(0, field.Length).ToArray(), equation.Size, $"heat step {step}");
        }
    }

    [SkippableTheory]
    [InlineData(VulkanStencilMemory.Global)]
    [InlineData(VulkanStencilMemory.SharedTile)]
    public void AFieldTooSmallForTheGridOrWrittenInPlaceIsRefused(VulkanStencilMemory memory)
    {
        VulkanFacts.SkipUnlessAvailable();
        var equation = new HeatEquation2D(new GridSize(8, 8), 0.2f, StencilBoundary.Periodic);
        var kernel = VulkanHeatKernel2D.Create(equation, memory: memory);
        using DeviceBuffer small = _backend!.MemorySpace.Allocate(8 * 7 * sizeof(float));
        using DeviceBuffer field = _backend.MemorySpace.Allocate(8 * 8 * sizeof(float));

        Assert.Throws<ArgumentException>(() => _backend.Dispatch(kernel, new VulkanHeatArgs(small, field)));
        Assert.Throws<ArgumentException>(() => _backend.Dispatch(kernel, new VulkanHeatArgs(field, field)));
    }

    /// <summary>Values in [0, 1) with a few spikes, so every neighbour matters to the last bit.</summary>
    internal static float[] RandomField(GridSize size, int seed)
    {
        var random = new Random(seed);
        var field = new float[size.CellCount];
        for (int i = 0; i < field.Length; i++)
            field[i] = random.Next(10) == 0 ? 50f * random.NextSingle() : random.NextSingle();
        return field;
    }
}
