using RingKernel.Metal.Kernels;
using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;
using RingKernel.Vulkan.Stencils;

/// <summary>
/// Engine grid on a GPU, one thread per cell and a dispatch per step: on Vulkan with an 8x8x4 box and its
/// apron in shared memory; on Metal the global-memory kernel's MSL.
/// </summary>
internal static class DeviceWaveSimulation
{
    public static DeviceGridSimulation<VulkanWaveArgs> Create(StencilOptions options)
    {
        WaveEquation3D equation = WaveSetup.Equation(options);
        float[] current = WaveSetup.InitialField(options.Size);
        var (kernel, layout) = options.Backend == "metal"
            ? (VulkanWaveKernel3D.Create(equation).WithMetal(), "single grid, one thread per cell in 8x8x4 threadgroups reading global memory, one dispatch per step")
            : (VulkanWaveKernel3D.Create(equation, VulkanStencilMemory.SharedTile), "single grid, one thread per cell in 8x8x4 workgroups with the box and its apron in shared memory, one dispatch per step");

        // At rest: no initial velocity, so both levels start from the pulse. The step overwrites the previous level.
        return new DeviceGridSimulation<VulkanWaveArgs>(options.Backend, current, current, kernel, static (older, newer) => new VulkanWaveArgs(older, newer))
        {
            Description = equation.ToString(),
            Layout = layout,
            CellsPerStep = equation.Size.CellCount,
            PictureOf = level => WaveSetup.Picture(level, equation.Size),
        };
    }
}
