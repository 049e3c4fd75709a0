using RingKernel.Dispatch;
using RingKernel.Kernels;
using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Vulkan;
using RingKernel.Vulkan.Kernels;

namespace RingKernel.TestKernels.Vulkan;

/// <summary>
/// One-shot Vulkan kernels the tests and benchmarks run (Shaders/*.comp): vector arithmetic, a
/// workgroup reduction, a probe of the device-visible layouts and an empty kernel. Each body is built
/// once, so every definition of a kernel shares the backend's compiled pipeline.
/// </summary>
public static class VulkanKernels
{
    private static readonly VulkanKernelBody<SaxpyArgs> SaxpyBody = new(TestKernelFiles.Spirv("saxpy"), 2, 8, static (args, bindings) =>
    {
        CheckElements(args.X, args.Count, nameof(args.X));
        CheckElements(args.Y, args.Count, nameof(args.Y));
        bindings.StorageBuffer(0, args.X);
        bindings.StorageBuffer(1, args.Y);
        bindings.PushConstant(0, (uint)args.Count);
        bindings.PushConstant(4, args.A);
    });

    private static readonly KernelSignature SaxpyAddressSignature = new(
        new KernelParameter("x", KernelParameterKind.Buffer),
        new KernelParameter("y", KernelParameterKind.Buffer),
        new KernelParameter("n", KernelParameterKind.U32),
        new KernelParameter("a", KernelParameterKind.F32));

    private static readonly VulkanKernelBody<KernelArgumentBuffer> SaxpyAddressBody = new(TestKernelFiles.Spirv("saxpy_address"), 0, 32, static (args, bindings) =>
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!args.Signature.Equals(SaxpyAddressSignature) || !args.IsComplete)
            throw new ArgumentException($"The argument buffer must be complete and packed for ({SaxpyAddressSignature}); it is for ({args.Signature}){(args.IsComplete ? "" : ", incomplete")}.", nameof(args));
        args.Memory.AsSpan(0, SaxpyAddressSignature.Count * KernelArgumentBuffer.SlotBytes).CopyTo(bindings.PushConstants);
    });

    private static readonly VulkanKernelBody<ReduceSumArgs> ReduceSumBody = new(TestKernelFiles.Spirv("reduce_sum"), 2, 4, static (args, bindings) =>
    {
        CheckElements(args.Input, args.Count, nameof(args.Input));
        bindings.StorageBuffer(0, args.Input);
        bindings.StorageBuffer(1, args.Sums);
        bindings.PushConstant(0, (uint)args.Count);
    });

    private static readonly VulkanKernelBody<LayoutProbeArgs> LayoutProbeBody = new(TestKernelFiles.Spirv("layout_probe"), 2, 8, static (args, bindings) =>
    {
        if (args.Control.Length < ControlBlock.Size)
            throw new ArgumentException($"The control buffer has {args.Control.Length} bytes; a ControlBlock needs {ControlBlock.Size}.", nameof(args));
        if (args.Count < 0 || args.Messages.Length < (long)args.Count * MessageHeader.Size)
            throw new ArgumentException($"The message buffer has {args.Messages.Length} bytes; {args.Count} headers need {(long)args.Count * MessageHeader.Size}.", nameof(args));
        bindings.StorageBuffer(0, args.Control);
        bindings.StorageBuffer(1, args.Messages);
        bindings.PushConstant(0, (uint)args.Count);
        bindings.PushConstant(4, args.TypeId);
    });

    private static readonly VulkanKernelBody<object?> EmptyBody = new(TestKernelFiles.Spirv("empty"), 0, 0, static (_, _) => { });

    /// <summary><c>y = a x + y</c> over <paramref name="count"/> floats, one thread each, separately rounded (no FMA).</summary>
    public static KernelDefinition<SaxpyArgs> Saxpy(int count, int workgroupSize = 64) =>
        new KernelDefinition<SaxpyArgs>("saxpy", Linear(count, workgroupSize)).WithVulkan(SaxpyBody);

    /// <summary>
    /// The same saxpy with its arguments packed into a <see cref="KernelArgumentBuffer"/> (x, y:
    /// buffers; n: U32; a: F32) and pushed as constants: buffers reach the shader as device addresses.
    /// Needs <see cref="VulkanBackend.SupportsBufferDeviceAddress"/>.
    /// </summary>
    public static KernelDefinition<KernelArgumentBuffer> SaxpyByAddress(int count, int workgroupSize = 64) =>
        new KernelDefinition<KernelArgumentBuffer>("saxpy-address", Linear(count, workgroupSize)) { Signature = SaxpyAddressSignature }.WithVulkan(SaxpyAddressBody);

    /// <summary>Sums uints (mod 2^32) with <paramref name="workgroups"/> workgroups of <paramref name="workgroupSize"/> threads reducing in shared memory.</summary>
    public static KernelDefinition<ReduceSumArgs> ReduceSum(int workgroups, int workgroupSize = 256) =>
        new KernelDefinition<ReduceSumArgs>("reduce-sum", new LaunchOptions(workgroups, workgroupSize) { SharedMemoryBytes = workgroupSize * sizeof(uint) }).WithVulkan(ReduceSumBody);

    /// <summary>Writes <paramref name="count"/> MessageHeaders and updates a ControlBlock's kernel block, through the generated GLSL layouts.</summary>
    public static KernelDefinition<LayoutProbeArgs> LayoutProbe(int count, int workgroupSize = 64) =>
        new KernelDefinition<LayoutProbeArgs>("layout-probe", Linear(count, workgroupSize)).WithVulkan(LayoutProbeBody);

    /// <summary>A kernel that does nothing (its argument is ignored), for measuring dispatch cost.</summary>
    public static KernelDefinition<object?> Empty(int workgroups = 1, int workgroupSize = 1) =>
        new KernelDefinition<object?>("empty", new LaunchOptions(workgroups, workgroupSize)).WithVulkan(EmptyBody);

    private static LaunchOptions Linear(int count, int workgroupSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workgroupSize);
        return new LaunchOptions((count + workgroupSize - 1) / workgroupSize, workgroupSize);
    }

    private static void CheckElements(DeviceBuffer buffer, int count, string name)
    {
        ArgumentNullException.ThrowIfNull(buffer, name);
        if (count < 0 || buffer.Length < (long)count * sizeof(float))
            throw new ArgumentException($"{name} has {buffer.Length} bytes; {count} elements need {(long)count * sizeof(float)}.", name);
    }
}
