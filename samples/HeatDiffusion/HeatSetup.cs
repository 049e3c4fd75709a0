using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Samples.Imaging;
using RingKernel.Stencils;

/// <summary>What every heat-diffusion engine starts from and shows: a hot square (1.0) in a cold plate (0.0), alpha 0.24.</summary>
internal static class HeatSetup
{
    /// <summary>The diffusion number of every heat run, whichever engine.</summary>
    public const float Alpha = 0.24f;

    public static HeatEquation2D Equation(StencilOptions options) => new(options.Size, Alpha, options.StencilBoundary);

    public static float[] InitialField(GridSize size) => InitialConditions.HotSquare(size, ambient: 0f, hot: 1f, fraction: 0.25);

    public static FieldPicture Picture(float[] field, GridSize size) =>
        new(field, size.Width, size.Height, ColorMap.Inferno, CentredOnZero: false, "temperature");
}
