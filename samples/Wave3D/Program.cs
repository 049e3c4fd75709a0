using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Vulkan;

// 3D wave equation (7-point stencil, leapfrog): a Gaussian pulse at rest in the middle of the
// box spreads as a spherical shell; the PNG shows the mid-plane (z = depth / 2). Runs on the CPU
// backend, on Vulkan (--backend vulkan), CUDA (--backend cuda) or Metal (--backend metal, macOS).
var spec = new StencilSampleSpec(
    ProgramName: "wave3d",
    Dimensions: 3,
    DefaultSize: 128,
    DefaultSteps: 100,
    DefaultOutput: "wave3d.png",
    Engines:
    [
        TiledEngineRules.Engine,
        new StencilEngine("grid", GridEngineRules.Description, GridEngineRules.Check),
    ])
{
    Equation = "∂²u/∂t² = c²∇²u, leapfrog 7-point scheme with c2 = (cΔt/Δx)²",
    Backends = new Dictionary<string, Func<StencilOptions, string?>>
    {
        ["cpu"] = static _ => null,
        ["vulkan"] = static _ => VulkanBackend.UnavailableReason,
        ["cuda"] = CudaSampleBackend.Check,
        ["metal"] = MetalSampleBackend.Check,
    },
};

return StencilSampleHost.Run(args, spec, static options => (options.Backend, options.Engine.Name) switch
{
    ("cpu" or "vulkan" or "metal", "tiles") => new TiledWaveSimulation(options),
    ("vulkan", _) => new VulkanWaveSimulation(options),
    ("metal", _) => new MetalWaveSimulation(options),
    ("cuda", _) => new CudaWaveSimulation(options),
    _ => new GridWaveSimulation(options),
});
