using RingKernel.Kernels;
using RingKernel.Memory;
using RingKernel.Stencils;
using RingKernel.Vulkan;
using RingKernel.Vulkan.Stencils;

namespace RingKernel.Tests.Vulkan;

/// <summary>The 3D wave step on the device, global and shared memory, matches <see cref="WaveReference3D"/> bit for bit, step after step.</summary>
public sealed class VulkanWaveTests : IDisposable
{
    private readonly VulkanBackend? _backend = VulkanBackend.IsAvailable ? new VulkanBackend() : null;

    public void Dispose() => _backend?.Dispose();

    public static TheoryData<int, int, int, BoundaryKind, int, int, int, VulkanStencilMemory> Cases()
    {
        var cases = new TheoryData<int, int, int, BoundaryKind, int, int, int, VulkanStencilMemory>();
        foreach (VulkanStencilMemory memory in Enum.GetValues<VulkanStencilMemory>())
        {
            cases.Add(1, 1, 1, BoundaryKind.Periodic, 8, 8, 4, memory);
            cases.Add(9, 7, 5, BoundaryKind.Fixed, 8, 8, 4, memory);
            cases.Add(9, 7, 5, BoundaryKind.Periodic, 8, 8, 4, memory);
            cases.Add(16, 16, 16, BoundaryKind.Periodic, 8, 8, 4, memory);
            cases.Add(21, 11, 13, BoundaryKind.Fixed, 4, 4, 4, memory);
            cases.Add(33, 6, 3, BoundaryKind.Periodic, 32, 2, 1, memory);
            cases.Add(7, 6, 1, BoundaryKind.Fixed, 8, 8, 4, memory);
            cases.Add(1, 6, 5, BoundaryKind.Periodic, 8, 8, 4, memory);
            cases.Add(6, 1, 5, BoundaryKind.Fixed, 8, 8, 4, memory);
        }

        return cases;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void StepsMatchTheReferenceBitForBit(int width, int height, int depth, BoundaryKind boundaryKind, int workgroupX, int workgroupY, int workgroupZ, VulkanStencilMemory memory)
    {
        VulkanFacts.SkipUnlessAvailable();
        StencilBoundary boundary = boundaryKind == BoundaryKind.Fixed ? StencilBoundary.Fixed(-0.5f) : StencilBoundary.Periodic;
        var equation = new WaveEquation3D(new GridSize(width, height, depth), 0.29f, boundary);
        float[] previous = VulkanHeatTests.RandomField(equation.Size, width * height * depth);
        float[] current = VulkanHeatTests.RandomField(equation.Size, (width * height * depth) + 1);
        float[] referencePrevious = (float[])previous.Clone();
        float[] referenceCurrent = (float[])current.Clone();
        var kernel = VulkanWaveKernel3D.Create(equation, memory, new Dim3(workgroupX, workgroupY, workgroupZ));
        int cells = previous.Length;
        using DeviceBuffer a = _backend!.MemorySpace.Allocate(cells * sizeof(float));
        using DeviceBuffer b = _backend.MemorySpace.Allocate(cells * sizeof(float));
        previous.CopyTo(a.AsSpan<float>(0, cells));
        current.CopyTo(b.AsSpan<float>(0, cells));
        DeviceBuffer older = a, newer = b;

        for (int step = 1; step <= 5; step++)
        {
            _backend.Dispatch(kernel, new VulkanWaveArgs(older, newer));
            WaveReference3D.Run(equation, referencePrevious, referenceCurrent, 1);
            (older, newer) = (newer, older);
            AssertBitEqual(referenceCurrent, newer.AsSpan<float>(0, cells).ToArray(), equation.Size, $"step {step}, current level");
            AssertBitEqual(referencePrevious, older.AsSpan<float>(0, cells).ToArray(), equation.Size, $"step {step}, previous level");
        }
    }

    [SkippableFact]
    public void AFieldTooSmallOrBothLevelsInOneBufferIsRefused()
    {
        VulkanFacts.SkipUnlessAvailable();
        var equation = new WaveEquation3D(GridSize.Cube(4), 0.2f, StencilBoundary.Periodic);
        var kernel = VulkanWaveKernel3D.Create(equation);
        using DeviceBuffer small = _backend!.MemorySpace.Allocate(63 * sizeof(float));
        using DeviceBuffer field = _backend.MemorySpace.Allocate(64 * sizeof(float));

        Assert.Throws<ArgumentException>(() => _backend.Dispatch(kernel, new VulkanWaveArgs(small, field)));
        Assert.Throws<ArgumentException>(() => _backend.Dispatch(kernel, new VulkanWaveArgs(field, field)));
    }

    internal static void AssertBitEqual(float[] expected, float[] actual, GridSize size, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                int x = i % size.Width, y = (i / size.Width) % size.Height, z = i / size.PlaneCells;
                Assert.Fail($"{what}: cell ({x}, {y}, {z}) is {actual[i]:R} on the device, {expected[i]:R} in the reference");
            }
        }
    }
}
