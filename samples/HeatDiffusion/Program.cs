using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;
using RingKernel.Vulkan;

// 2D heat equation (5-point stencil): a hot square in a cold plate spreads out; the final
// temperature field is written as a PNG. Runs on the CPU backend, on Vulkan (--backend vulkan) or CUDA (--backend cuda).
var spec = new StencilSampleSpec(
    ProgramName: "heat-diffusion",
    Dimensions: 2,
    DefaultSize: 512,
    DefaultSteps: 1000,
    DefaultOutput: "heat-diffusion.png",
    Engines:
    [
        new StencilEngine("grid", "the whole grid per step, Parallel.For over rows with Vector<float>", HeatSimulation.CheckGridEngine),
        new StencilEngine("kernel", "a GPU-style kernel per step: one workgroup per tile, one coroutine thread per cell, tile and 1-cell halo in shared memory", HeatSimulation.CheckKernelEngine),
        new StencilEngine("tiles", TiledEngineRules.Description, TiledEngineRules.Check),
    ])
{
    Equation = "∂u/∂t = κ∇²u, explicit 5-point scheme with alpha = κΔt/Δx²",
    Backends = new Dictionary<string, Func<StencilOptions, string?>>
    {
        ["cpu"] = static _ => null,
        ["vulkan"] = static _ => VulkanBackend.UnavailableReason,
        ["cuda"] = CudaSampleBackend.Check,
    },
};

return StencilSampleHost.Run(args, spec, options => options.Backend == "vulkan" ? new VulkanHeatSimulation(options) : new HeatSimulation(options));
