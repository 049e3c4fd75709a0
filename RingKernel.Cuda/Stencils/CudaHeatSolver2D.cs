using RingKernel.Cuda.Kernels;
using RingKernel.Cuda.Memory;
using RingKernel.Kernels;
using RingKernel.Stencils;

namespace RingKernel.Cuda.Stencils;

/// <summary>
/// The 2D heat equation on a CUDA device: two grids in device memory, one launch per step (16 x 16
/// threads per block) of the CUDA C or the C# kernels (<see cref="CudaStencilKernel"/>), bit for bit
/// <see cref="HeatReference2D"/>.
/// </summary>
public sealed class CudaHeatSolver2D : IDisposable
{
    private readonly HeatEquation2D _equation;
    private readonly CudaStencilRunner _runner;
    private readonly KernelDefinition<HeatStepArgs> _step;

    public CudaHeatSolver2D(CudaBackend backend, HeatEquation2D equation, CudaStencilKernel kernel = CudaStencilKernel.CudaC)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(equation);
        _equation = equation;
        _runner = new CudaStencilRunner(backend, equation.Size);
        GridSize size = equation.Size;
        var block = new Dim3(16, 16);
        _step = CudaStencilRunner.StepKernel<HeatStepArgs>("heat2d_step", new Dim3((size.Width + 15) / 16, (size.Height + 15) / 16), block, CudaHeatKernels2D.SharedBytes(block),
            kernel, 7, BindCudaC, CudaHeatKernels2D.Step, CudaHeatKernels2D.SharedStep, BindCSharp);
    }

    public HeatEquation2D Equation => _equation;

    /// <summary>Copies <paramref name="field"/> to the device as the current state.</summary>
    public void Upload(ReadOnlySpan<float> field)
    {
        StencilFields.CheckLength(field.Length, _equation.Size, nameof(field));
        _runner.First.Upload(field);
    }

    /// <summary>Copies the current state back.</summary>
    public void Download(Span<float> field)
    {
        StencilFields.CheckLength(field.Length, _equation.Size, nameof(field));
        _runner.First.Download(field);
    }

    /// <summary>Advances <paramref name="steps"/> steps and waits for them; returns the device milliseconds they took.</summary>
    /// <remarks>A step reads the current grid and writes the next; the runner's swap makes the next current.</remarks>
    public double Run(int steps) => _runner.Run(_step, (current, next) => new HeatStepArgs(_equation, current, next), steps);

    /// <summary>Device-to-device copies of one grid, <paramref name="repeats"/> times: the bandwidth bound of a step (it reads and writes a grid). Returns milliseconds.</summary>
    public double CopyGrid(int repeats) => _runner.TimeCopies(_runner.Second, _runner.First, repeats);

    public void Dispose() => _runner.Dispose();

    private static void BindCudaC(HeatStepArgs args, ref CudaParameters parameters)
    {
        parameters.Address(args.Current);
        parameters.Address(args.Next);
        parameters.Value(args.Equation.Size.Width);
        parameters.Value(args.Equation.Size.Height);
        parameters.Value(args.Equation.Alpha);
        parameters.Value(args.Equation.Boundary.Kind == BoundaryKind.Periodic ? 1 : 0);
        parameters.Value(args.Equation.Boundary.FixedValue);
    }

    private static void BindCSharp(HeatStepArgs args, ref CudaParameters parameters)
    {
        parameters.View<float>(args.Current);
        parameters.View<float>(args.Next);
        parameters.Value(args.Equation.Size);
        parameters.Value(args.Equation.Alpha);
        parameters.Value(args.Equation.Boundary);
    }

    private readonly record struct HeatStepArgs(HeatEquation2D Equation, CudaDeviceBuffer Current, CudaDeviceBuffer Next);
}
