using System.Diagnostics;
using RingKernel.Backends;
using RingKernel.Benchmarks.Compare;
using RingKernel.Cuda;
using RingKernel.Cuda.Kernels;
using RingKernel.Cuda.Stencils;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using RingKernel.Rings;
using RingKernel.Stencils;
using RingKernel.TestKernels.Cuda;

namespace RingKernel.Benchmarks.Cuda;

/// <summary>
/// <c>compare cuda</c>: the CUDA backend on device 0, every measurement synchronised.
/// <list type="bullet">
/// <item><c>roundtrip-cuda-p50</c>, <c>roundtrip-cuda-p99</c>: µs from enqueuing one request on the
/// host to dequeuing its reply, through the persistent ring_echo kernel (already running, polling its
/// input ring in mapped host memory), against launch-per-message: the same request and handler, one
/// cuLaunchKernel of ring_echo_once plus a stream synchronise per message. Every reply is checked.</item>
/// <item><c>heat2d-cuda-N</c>, <c>wave3d-cuda-N</c>: Mcells/s of the stencil (one launch per step,
/// timed with events around the steps) against the limit the device's memory sets, measured in the
/// same run: a device-to-device copy of one grid (each cell read and written once: what a 2D step
/// must at least move) in cells per second. The ratio is the fraction of that bound reached. Each
/// solver's result is checked bit for bit against the single-grid baseline first.</item>
/// </list>
/// Without a usable device it throws <see cref="BackendUnavailableException"/> with the reason, and
/// the runner exits non-zero.
/// </summary>
public sealed class CudaComparisonSuite : IComparisonSuite
{
    private const uint NumberType = 1;

    public string Name => "cuda";

    public IEnumerable<Comparison> Run(bool quick)
    {
        var backend = new CudaBackend();
        if (!backend.IsAvailable)
            throw new BackendUnavailableException(CudaBackend.BackendName, backend.UnavailableReason!);
        try
        {
            Console.WriteLine($"# cuda device: {backend.Device}");
            foreach (Comparison comparison in RoundTrip(backend, quick ? 2_000 : 20_000))
                yield return comparison;
            yield return Heat2D(backend, quick ? 2048 : 8192, quick ? 20 : 100);
            yield return Wave3D(backend, quick ? 128 : 384, quick ? 20 : 100);
        }
        finally
        {
            backend.Dispose();
        }
    }

    private static Comparison[] RoundTrip(CudaBackend backend, int messages)
    {
        KernelDefinition<RingEchoArgs> echo = CudaKernels.RingEcho("echo", 64, 64);
        using RingKernelMemory persistentMemory = RingKernelMemory.Allocate(backend.MemorySpace, echo.Options, Types());
        using RingKernelMemory launchMemory = RingKernelMemory.Allocate(backend.MemorySpace, echo.Options, Types());
        IRingKernel kernel = backend.CreateRingKernel(echo, new RingEchoArgs(NumberType), persistentMemory);
        kernel.Launch();
        kernel.ActivateAsync().GetAwaiter().GetResult();
        double[] persistent;
        try
        {
            persistent = Measure(messages, persistentMemory, () => { });
        }
        finally
        {
            kernel.TerminateAsync().GetAwaiter().GetResult();
            kernel.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        using var perMessage = new CudaLaunchPerMessageEcho(backend, launchMemory, NumberType);
        double[] launched = Measure(messages, launchMemory, perMessage.LaunchAndWait);
        return
        [
            new Comparison("roundtrip-cuda-p50", Percentile(persistent, 0.50), Percentile(launched, 0.50), "us", Better.Lower),
            new Comparison("roundtrip-cuda-p99", Percentile(persistent, 0.99), Percentile(launched, 0.99), "us", Better.Lower),
        ];
    }

    /// <summary>Round trips of one message each: enqueue, <paramref name="afterSend"/>, spin until the reply, check it.</summary>
    private static double[] Measure(int messages, RingKernelMemory memory, Action afterSend)
    {
        int warmup = Math.Max(messages / 10, 100);
        var microseconds = new double[messages];
        for (int i = -warmup; i < messages; i++)
        {
            long value = i + warmup + 1;
            long start = Stopwatch.GetTimestamp();
            memory.Input.Enqueue(new Number(value), new MessageHeader { CorrelationId = (ulong)value });
            afterSend();
            Number reply;
            MessageHeader header;
            var spinner = new SpinWait();
            while (!memory.Output.TryDequeue(out reply, out header))
                spinner.SpinOnce(sleep1Threshold: -1);
            long end = Stopwatch.GetTimestamp();
            if (reply.Value != (2 * value) + 1 || header.CorrelationId != (ulong)value)
                throw new InvalidOperationException($"Round trip {value} came back as {reply.Value} (correlation {header.CorrelationId}).");
            if (i >= 0)
                microseconds[i] = Stopwatch.GetElapsedTime(start, end).TotalMicroseconds;
        }

        return microseconds;
    }

    private static Comparison Heat2D(CudaBackend backend, int n, int steps)
    {
        var equation = new HeatEquation2D(GridSize.Square(n), 0.2f, StencilBoundary.Periodic);
        float[] field = RandomField(equation.Size);
        using var solver = new CudaHeatSolver2D(backend, equation);
        solver.Upload(field);
        solver.Run(2);
        float[] device = new float[field.Length];
        solver.Download(device);
        new HeatBaseline2D(equation).Run(field, 2);
        if (!field.AsSpan().SequenceEqual(device))
            throw new InvalidOperationException("The CUDA heat kernel and the baseline disagree after 2 steps.");

        double ours = Mcells(equation.Size, steps, solver.Run(steps));
        double limit = Mcells(equation.Size, steps, solver.CopyGrid(steps));
        return new Comparison($"heat2d-cuda-{n}", ours, limit, "Mcells/s", Better.Higher);
    }

    private static Comparison Wave3D(CudaBackend backend, int n, int steps)
    {
        var equation = new WaveEquation3D(GridSize.Cube(n), 0.25f, StencilBoundary.Periodic);
        float[] previous = RandomField(equation.Size), current = RandomField(equation.Size);
        using var solver = new CudaWaveSolver3D(backend, equation);
        solver.Upload(previous, current);
        solver.Run(2);
        float[] devicePrevious = new float[previous.Length], deviceCurrent = new float[current.Length];
        solver.Download(devicePrevious, deviceCurrent);
        new WaveBaseline3D(equation).Run(previous, current, 2);
        if (!current.AsSpan().SequenceEqual(deviceCurrent) || !previous.AsSpan().SequenceEqual(devicePrevious))
            throw new InvalidOperationException("The CUDA wave kernel and the baseline disagree after 2 steps.");

        double ours = Mcells(equation.Size, steps, solver.Run(steps));
        double limit = Mcells(equation.Size, steps, solver.CopyGrid(steps));
        return new Comparison($"wave3d-cuda-{n}", ours, limit, "Mcells/s", Better.Higher);
    }

    private static double Mcells(GridSize size, int steps, double milliseconds) => (double)size.CellCount * steps / (milliseconds * 1e3);

    private static double Percentile(double[] values, double fraction)
    {
        double[] sorted = [.. values.Order()];
        return sorted[Math.Min(sorted.Length - 1, (int)(fraction * sorted.Length))];
    }

    private static float[] RandomField(GridSize size)
    {
        var random = new Random(42);
        return [.. Enumerable.Range(0, size.CellCount).Select(_ => (float)random.NextDouble())];
    }

    private static MessageTypeRegistry Types()
    {
        var types = new MessageTypeRegistry(192);
        types.Register<Number>(NumberType);
        return types;
    }

    /// <summary>The request and reply payload: one 64-bit value.</summary>
    private readonly record struct Number(long Value);
}
