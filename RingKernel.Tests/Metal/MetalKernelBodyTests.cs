using RingKernel.Kernels;
using RingKernel.Memory;
using RingKernel.Metal.Kernels;
using RingKernel.Metal.Shaders;
using RingKernel.Stencils;
using RingKernel.TestKernels;
using RingKernel.TestKernels.Vulkan;
using RingKernel.Vulkan.Kernels;
using RingKernel.Vulkan.Shaders;
using RingKernel.Vulkan.Stencils;

namespace RingKernel.Tests.Metal;

/// <summary>
/// Metal bodies made from Vulkan ones, and how a dispatch's arguments reach the MSL: each storage
/// buffer at the buffer index the translation gave its binding, the push constants byte for byte as
/// Vulkan pushes them. Checked on the host with host memory; no device needed.
/// </summary>
public sealed class MetalKernelBodyTests
{
    /// <summary>The ring kernel arguments at the head of a ring shader's push constants (RingKernelArguments in ringkernel_ring.glsl).</summary>
    private const int RingArgumentBytes = 56;

    [Fact]
    public void WithMetalAttachesTheTranslationOfTheVulkanModuleAndKeepsItAcrossOptions()
    {
        KernelDefinition<SaxpyArgs> saxpy = VulkanKernels.Saxpy(1000).WithMetal();

        Assert.True(saxpy.WithOptions(new LaunchOptions(4, 64)).TryGetBody(out MetalKernelBody<SaxpyArgs>? body));
        Assert.Same(MetalShaders.Get("saxpy"), body.Shader);
        Assert.Equal((2, 8), (body.StorageBufferCount, body.ConstantBytes));
    }

    [Fact]
    public void AModuleWithoutTranslationIsRefusedByName()
    {
        var error = Assert.Throws<ArgumentException>(() => VulkanKernels.ReduceSum(4).WithMetal());

        Assert.Contains("no MSL translation", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new KernelDefinition<int>("cpu-only", new LaunchOptions(1, 1)).WithMetal());
    }

    [Fact]
    public void HeatArgumentsGoToTheBufferIndicesOfTheirBindingsWithVulkansPushConstants()
    {
        var equation = new HeatEquation2D(GridSize.Square(8), 0.2f, StencilBoundary.Periodic);
        KernelDefinition<VulkanHeatArgs> heat = VulkanHeatKernel2D.Create(equation);
        using DeviceBuffer current = HostMemorySpace.Instance.Allocate(64 * sizeof(float));
        using DeviceBuffer next = HostMemorySpace.Instance.Allocate(64 * sizeof(float));
        var args = new VulkanHeatArgs(current, next);
        MetalShader shader = MetalShaders.Get("heat2d_step");

        Assert.True(heat.TryGetBody(out VulkanKernelBody<VulkanHeatArgs>? vulkan));
        MetalArguments bound = MetalArguments.Bind(MetalKernelBody.FromVulkan(vulkan), args, heat.Name);

        Assert.Equal([(shader.StorageBufferIndices[0], current), (shader.StorageBufferIndices[1], next)], bound.Buffers);
        Assert.Equal(shader.ConstantsIndex, bound.ConstantsIndex);
        Assert.Equal(VulkanPushConstants(vulkan, args), bound.Constants);
    }

    [Fact]
    public void TheHaloStencilsThreeBuffersEachGoWhereTheTranslationPutThem()
    {
        MetalShader shader = MetalShaders.Get("halo_stencil");
        using DeviceBuffer fields = HostMemorySpace.Instance.Allocate(64);
        using DeviceBuffer links = HostMemorySpace.Instance.Allocate(64);
        using DeviceBuffer faults = HostMemorySpace.Instance.Allocate(64);
        var body = new VulkanKernelBody<int>(VulkanShaders.Spirv("halo_stencil"), 3, 52, (_, bindings) =>
        {
            bindings.StorageBuffer(0, fields);
            bindings.StorageBuffer(1, links);
            bindings.StorageBuffer(2, faults);
        });

        MetalArguments bound = MetalArguments.Bind(MetalKernelBody.FromVulkan(body), 0, "halo");

        Assert.Equal([(shader.StorageBufferIndices[0], fields), (shader.StorageBufferIndices[1], links), (shader.StorageBufferIndices[2], faults)], bound.Buffers);
        Assert.Equal(4, bound.Buffers.Select(b => b.Index).Append(shader.ConstantsIndex!.Value).Distinct().Count());
    }

    [Fact]
    public void ARingKernelBodyTakesItsDispatchArgumentsAndItsOwnConstantsInOneBlock()
    {
        MetalKernelBody<object?> relay = MetalKernelBody.FromVulkan(VulkanRingKernelBodies.K2KRelay<object?>(31, 32, 33, 41));

        MetalArguments bound = MetalArguments.Bind(relay, null, "relay");

        Assert.Empty(bound.Buffers);
        Assert.Equal(RingArgumentBytes + 16, bound.Constants.Length);
        Assert.Equal([31u, 32u, 33u, 41u], System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(bound.Constants.AsSpan(RingArgumentBytes)).ToArray());
    }

    [Fact]
    public void ABinderThatLeavesABindingUnsetIsRefusedOnTheHost()
    {
        MetalKernelBody<int> body = MetalKernelBody.FromVulkan(new VulkanKernelBody<int>(TestKernelFiles.Spirv("saxpy"), 2, 8, static (_, _) => { }));

        var error = Assert.Throws<ArgumentException>(() => MetalArguments.Bind(body, 0, "saxpy"));
        Assert.Contains("left storage buffer binding 0 unset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABodyMustMatchItsShadersResources()
    {
        MetalShader saxpy = MetalShaders.Get("saxpy");
        MetalShader empty = MetalShaders.Get("empty");

        Assert.Throws<ArgumentOutOfRangeException>(() => new MetalKernelBody<int>(saxpy, 1, 8, static (_, _) => { }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MetalKernelBody<int>(empty, 0, 4, static (_, _) => { }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MetalKernelBody<int>(saxpy, 2, 6, static (_, _) => { }));
    }

    private static byte[] VulkanPushConstants<TArgs>(VulkanKernelBody<TArgs> body, TArgs args)
    {
        var buffers = new DeviceBuffer?[body.StorageBufferCount];
        byte[] constants = new byte[body.PushConstantBytes];
        body.Bind(args, new VulkanBindings(buffers, constants));
        return constants;
    }
}
