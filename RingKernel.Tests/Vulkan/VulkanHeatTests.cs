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
        StencilBoundary boundary = boundaryKind == BoundaryKind.Fixed ? StencilBoundary.Fixed(0.75f) : StencilBoundary.Periodic;
        var equation = new HeatEquation2D(new GridSize(width, height), 0.23f, boundary);
        float[] field = RandomField(equation.Size, width * height);
        float[] reference = (float[])field.Clone();
        var kernel = VulkanHeatKernel2D.Create(equation, workgroupX, workgroupY, memory);
        using DeviceBuffer current = _backend!.MemorySpace.Allocate(field.Length * sizeof(float));
        using DeviceBuffer next = _backend.MemorySpace.Allocate(field.Length * sizeof(float));
        field.CopyTo(current.AsSpan<float>(0, field.Length));
        DeviceBuffer from = current, to = next;

        for (int step = 1; step <= 6; step++)
        {
            _backend.Dispatch(kernel, new VulkanHeatArgs(from, to));
            HeatReference2D.Run(equation, reference, 1);
            (from, to) = (to, from);
            float[] device = from.AsSpan<float>(0, field.Length).ToArray();
            int mismatch = -1;
            for (int i = 0; i < device.Length; i++)
            {
                if (BitConverter.SingleToInt32Bits(device[i]) != BitConverter.SingleToInt32Bits(reference[i]))
                {
                    mismatch = i;
                    break;
                }
            }

            Assert.True(mismatch < 0, $"step {step}: cell ({mismatch % width}, {mismatch / width}) is {(mismatch < 0 ? 0 : device[mismatch]):R} on the device, {(mismatch < 0 ? 0 : reference[mismatch]):R} in the reference");
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
