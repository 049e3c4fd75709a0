using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;

// 2D heat equation (5-point stencil): a hot square in a cold plate spreads out; the final
// temperature field is written as a PNG. By default the grid is cut into tiles, each a supervised
// kernel actor whose ring kernel trades halos with its neighbours over K2K. Runs on the CPU backend, on Vulkan (--backend vulkan), CUDA (--backend cuda) or Metal (--backend metal, macOS).
var spec = new StencilSampleSpec(
    ProgramName: "heat-diffusion",
    Dimensions: 2,
    DefaultSize: 512,
    DefaultSteps: 1000,
    DefaultOutput: "heat-diffusion.png",
    Engines:
    [
        TiledEngineRules.Engine,
        new StencilEngine("grid", GridEngineRules.Description, GridEngineRules.Check),
        new StencilEngine("kernel", "a GPU-style kernel per step: one workgroup per tile, one coroutine thread per cell, tile and 1-cell halo in shared memory", KernelHeatSimulation.Check),
    ])
{
    Equation = "∂u/∂t = κ∇²u, explicit 5-point scheme with alpha = κΔt/Δx²",
    Backends = StencilSampleBackends.All,
};

return StencilSampleHost.Run(args, spec, static options => (options.Backend, options.Engine.Name) switch
{
    ("cpu" or "vulkan" or "metal" or "cuda", "tiles") => TiledHeatSimulation.Start(options),
    ("vulkan" or "metal", _) => DeviceHeatSimulation.Create(options),
    ("cuda", _) => new CudaHeatSimulation(options),
    (_, "kernel") => new KernelHeatSimulation(options),
    _ => new GridHeatSimulation(options),
});
