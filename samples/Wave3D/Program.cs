using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;

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
    Backends = StencilSampleBackends.All,
};

return StencilSampleHost.Run(args, spec, static options => (options.Backend, options.Engine.Name) switch
{
    ("cpu" or "vulkan" or "metal", "tiles") => TiledWaveSimulation.Start(options),
    ("vulkan" or "metal", _) => DeviceWaveSimulation.Create(options),
    ("cuda", _) => new CudaWaveSimulation(options),
    _ => new GridWaveSimulation(options),
});
