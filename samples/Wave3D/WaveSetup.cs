using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Samples.Imaging;
using RingKernel.Stencils;

/// <summary>What every wave engine starts from and shows: a Gaussian pulse (amplitude 1, sigma 4% of the box) at rest, c2 0.25; the picture is the mid-plane of the newest level.</summary>
internal static class WaveSetup
{
    /// <summary>The squared Courant number of every wave run, whichever engine.</summary>
    public const float C2 = 0.25f;

    public static WaveEquation3D Equation(StencilOptions options) => new(options.Size, C2, options.StencilBoundary);

    public static float[] InitialField(GridSize size) => InitialConditions.GaussianPulse(size, amplitude: 1f, sigmaFraction: 0.04);

    public static FieldPicture Picture(float[] current, GridSize size)
    {
        int z = size.Depth / 2;
        float[] plane = current.AsSpan(size.Index(0, 0, z), size.PlaneCells).ToArray();
        return new FieldPicture(plane, size.Width, size.Height, ColorMap.CoolWarm, CentredOnZero: true, $"displacement in the plane z = {z}");
    }
}
