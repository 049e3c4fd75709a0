using RingKernel.Cuda.Kernels;
using RingKernel.Cuda.Memory;
using RingKernel.Kernels;
using RingKernel.Stencils;

namespace RingKernel.Cuda.Stencils;

/// <summary>
/// The 3D wave equation on a CUDA device: two time levels in device memory, one launch per step
/// (8 x 8 x 4 threads per block) of the CUDA C or the C# kernels (<see cref="CudaStencilKernel"/>)
/// writing the new level over the oldest, as <see cref="WaveReference3D"/> does, and bit for bit
/// its result.
/// </summary>
public sealed class CudaWaveSolver3D : IDisposable
{
    private readonly WaveEquation3D _equation;
    private readonly CudaStencilRunner _runner;
    private readonly KernelDefinition<WaveStepArgs> _step;
    private CudaDeviceBuffer? _copyTarget;

    public CudaWaveSolver3D(CudaBackend backend, WaveEquation3D equation, CudaStencilKernel kernel = CudaStencilKernel.CudaC)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(equation);
        _equation = equation;
        _runner = new CudaStencilRunner(backend, equation.Size);
        GridSize size = equation.Size;
        var block = new Dim3(8, 8, 4);
        _step = CudaStencilRunner.StepKernel<WaveStepArgs>("wave3d_step", new Dim3((size.Width + 7) / 8, (size.Height + 7) / 8, (size.Depth + 3) / 4), block, CudaWaveKernels3D.SharedBytes(block),
            kernel, 9, BindCudaC, CudaWaveKernels3D.Step, CudaWaveKernels3D.SharedStep, BindCSharp);
    }

    public WaveEquation3D Equation => _equation;

    // The runner's first grid is the previous level, its second the current one.
    public void Upload(ReadOnlySpan<float> previous, ReadOnlySpan<float> current)
    {
        StencilFields.CheckLength(previous.Length, _equation.Size, nameof(previous));
        StencilFields.CheckLength(current.Length, _equation.Size, nameof(current));
        _runner.First.Upload(previous);
        _runner.Second.Upload(current);
    }

    public void Download(Span<float> previous, Span<float> current)
    {
        StencilFields.CheckLength(previous.Length, _equation.Size, nameof(previous));
        StencilFields.CheckLength(current.Length, _equation.Size, nameof(current));
        _runner.First.Download(previous);
        _runner.Second.Download(current);
    }

    /// <summary>Advances <paramref name="steps"/> steps and waits for them; returns the device milliseconds they took.</summary>
    public double Run(int steps) => _runner.Run(_step, (previous, current) => new WaveStepArgs(_equation, previous, current), steps);

    /// <summary>Device-to-device copies of one level into a scratch grid, <paramref name="repeats"/> times: the bandwidth bound. Returns milliseconds.</summary>
    public double CopyGrid(int repeats)
    {
        _copyTarget ??= _runner.AllocateFloats(_equation.Size.CellCount);
        return _runner.TimeCopies(_copyTarget, _runner.Second, repeats);
    }

    public void Dispose()
    {
        _runner.Dispose();
        _copyTarget?.Dispose();
    }

    // Both kinds write the new level over the previous one: their next is the previous buffer.
    private static void BindCudaC(WaveStepArgs args, ref CudaParameters parameters)
    {
        parameters.Address(args.Previous);
        parameters.Address(args.Current);
        parameters.Address(args.Previous);
        parameters.Value(args.Equation.Size.Width);
        parameters.Value(args.Equation.Size.Height);
        parameters.Value(args.Equation.Size.Depth);
        parameters.Value(args.Equation.C2);
        parameters.Value(args.Equation.Boundary.Kind == BoundaryKind.Periodic ? 1 : 0);
        parameters.Value(args.Equation.Boundary.FixedValue);
    }

    private static void BindCSharp(WaveStepArgs args, ref CudaParameters parameters)
    {
        parameters.View<float>(args.Previous);
        parameters.View<float>(args.Current);
        parameters.View<float>(args.Previous);
        parameters.Value(args.Equation.Size);
        parameters.Value(args.Equation.C2);
        parameters.Value(args.Equation.Boundary);
    }

    private readonly record struct WaveStepArgs(WaveEquation3D Equation, CudaDeviceBuffer Previous, CudaDeviceBuffer Current);
}
