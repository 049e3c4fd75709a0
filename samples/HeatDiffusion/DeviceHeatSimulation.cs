using RingKernel.Metal.Kernels;
using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;
using RingKernel.Vulkan.Stencils;

/// <summary>
/// Engines grid and kernel on a GPU: grid is one thread per cell reading neighbours from global memory,
/// on Vulkan or on Metal (the same kernel's MSL); kernel, on Vulkan, one workgroup per tile with the tile
/// and its 1-cell halo in shared memory; each a dispatch per step.
/// </summary>
internal static class DeviceHeatSimulation
{
    public static DeviceGridSimulation<VulkanHeatArgs> Create(StencilOptions options)
    {
        HeatEquation2D equation = HeatSetup.Equation(options);
        float[] field = HeatSetup.InitialField(options.Size);
        GridSize tile = options.Tiles.TileSize;
        var (kernel, layout) = (options.Backend, options.Engine.Name) switch
        {
            ("metal", _) => (VulkanHeatKernel2D.Create(equation).WithMetal(), "single grid, one thread per cell in 16x16 threadgroups reading global memory, one dispatch per step"),
            (_, "kernel") => (VulkanHeatKernel2D.Create(equation, tile.Width, tile.Height, VulkanStencilMemory.SharedTile),
                $"{options.Tiles}, one workgroup of {tile.Width}x{tile.Height} threads per tile, tile and 1-cell halo in shared memory, one dispatch per step"),
            _ => (VulkanHeatKernel2D.Create(equation), "single grid, one thread per cell in 16x16 workgroups reading global memory, one dispatch per step"),
        };

        // The step reads the newer level and writes the next over the older.
        return new DeviceGridSimulation<VulkanHeatArgs>(options.Backend, field, field, kernel, static (older, newer) => new VulkanHeatArgs(newer, older))
        {
            Description = equation.ToString(),
            Layout = layout,
            CellsPerStep = equation.Size.CellCount,
            PictureOf = level => HeatSetup.Picture(level, equation.Size),
        };
    }
}
