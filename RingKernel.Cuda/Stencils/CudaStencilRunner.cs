using RingKernel.Cuda.Compilation;
using RingKernel.Cuda.Kernels;
using RingKernel.Cuda.Memory;
using RingKernel.Cuda.Modules;
using RingKernel.Cuda.Streams;
using RingKernel.Kernels;
using RingKernel.Stencils;

namespace RingKernel.Cuda.Stencils;

/// <summary>
/// What the CUDA stencil solvers share: two grids in device memory that each step reads and writes,
/// a stream, start and end events that time the device work (synchronised, so a figure is the time
/// the steps took, not the time to queue them), and launches of the kernels in stencils.cu or their
/// C# twins.
/// </summary>
internal sealed class CudaStencilRunner : IDisposable
{
    public const string Program = "stencils.cu";

    private readonly CudaBackend _backend;
    private readonly CudaStream _stream;
    private readonly CudaEvent _start;
    private readonly CudaEvent _end;

    /// <summary>A runner with two grids of <paramref name="size"/> in <paramref name="backend"/>'s device memory.</summary>
    public CudaStencilRunner(CudaBackend backend, GridSize size)
    {
        backend.EnsureAvailable();
        _backend = backend;
        _stream = new CudaStream(backend.Context);
        _start = new CudaEvent(backend.Context, timing: true);
        _end = new CudaEvent(backend.Context, timing: true);
        First = AllocateFloats(size.CellCount);
        Second = AllocateFloats(size.CellCount);
    }

    /// <summary>The grid a step gets first; after <see cref="Run{TArgs}"/> it holds what <see cref="Second"/> held.</summary>
    public CudaDeviceBuffer First { get; private set; }

    /// <summary>The grid a step gets second, the one it writes; after <see cref="Run{TArgs}"/> it holds the newest state.</summary>
    public CudaDeviceBuffer Second { get; private set; }

    public CudaDeviceBuffer AllocateFloats(long count) => (CudaDeviceBuffer)_backend.DeviceMemory.Allocate(count * sizeof(float), 256);

    /// <summary>A body of stencils.cu: <paramref name="entryPoint"/> with <paramref name="parameterCount"/> parameters bound by <paramref name="bind"/>.</summary>
    private static CudaKernelBody<TArgs> Body<TArgs>(string entryPoint, int parameterCount, CudaArgumentBinder<TArgs> bind) =>
        new(Program, CudaKernelSources.Read(Program), entryPoint, parameterCount, bind);

    /// <summary>
    /// A step kernel over <paramref name="grid"/> blocks of <paramref name="block"/> threads: the CUDA C
    /// entry point <paramref name="name"/> with <paramref name="cudaCParameters"/> parameters, or a C#
    /// kernel, as <see cref="Select{TArgs}"/> picks; the shared-memory C# kernel gets
    /// <paramref name="sharedBytes"/> of shared memory.
    /// </summary>
    public static KernelDefinition<TArgs> StepKernel<TArgs>(string name, Dim3 grid, Dim3 block, int sharedBytes, CudaStencilKernel kernel, int cudaCParameters, CudaArgumentBinder<TArgs> bindCudaC, Delegate csharp, Delegate csharpShared, CudaArgumentBinder<TArgs> bindCSharp)
    {
        var options = new LaunchOptions(grid, block) { SharedMemoryBytes = kernel == CudaStencilKernel.CSharpSharedMemory ? sharedBytes : 0 };
        return new KernelDefinition<TArgs>(name, options).WithCuda(Select(kernel, Body(name, cudaCParameters, bindCudaC), csharp, csharpShared, bindCSharp));
    }

    /// <summary>
    /// The step body <paramref name="kernel"/> picks: <paramref name="cudaC"/>, or the C# kernel
    /// <paramref name="csharp"/> (global memory) or <paramref name="csharpShared"/> (shared memory),
    /// both bound by <paramref name="bindCSharp"/>.
    /// </summary>
    private static CudaKernelBody<TArgs> Select<TArgs>(CudaStencilKernel kernel, CudaKernelBody<TArgs> cudaC, Delegate csharp, Delegate csharpShared, CudaArgumentBinder<TArgs> bindCSharp) => kernel switch
    {
        CudaStencilKernel.CudaC => cudaC,
        CudaStencilKernel.CSharp => CSharpKernels.Body(csharp, bindCSharp),
        CudaStencilKernel.CSharpSharedMemory => CSharpKernels.Body(csharpShared, bindCSharp),
        _ => throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "No such stencil kernel."),
    };

    /// <summary>
    /// Launches <paramref name="step"/> <paramref name="steps"/> times, each with the arguments
    /// <paramref name="args"/> makes of (<see cref="First"/>, <see cref="Second"/>), swapping the two
    /// after each; waits for them and returns the device milliseconds they took.
    /// </summary>
    public double Run<TArgs>(KernelDefinition<TArgs> step, Func<CudaDeviceBuffer, CudaDeviceBuffer, TArgs> args, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        CudaKernelBody<TArgs> body = CudaBackend.BodyOf(step);
        Begin();
        for (int i = 0; i < steps; i++)
        {
            CudaLauncher.Launch(_backend.FunctionOf(body), step, body, args(First, Second), _stream.Handle);
            (First, Second) = (Second, First);
        }

        return Finish();
    }

    /// <summary>Device-to-device copies of <paramref name="source"/> into <paramref name="destination"/>, <paramref name="repeats"/> times: the bandwidth bound of a step (it reads and writes a grid). Returns milliseconds.</summary>
    public double TimeCopies(CudaDeviceBuffer destination, CudaDeviceBuffer source, int repeats)
    {
        Begin();
        for (int i = 0; i < repeats; i++)
            _stream.Copy(destination.DeviceAddress, source.DeviceAddress, (ulong)source.Length);
        return Finish();
    }

    public void Dispose()
    {
        _end.Dispose();
        _start.Dispose();
        _stream.Dispose();
        First.Dispose();
        Second.Dispose();
    }

    /// <summary>Records the start event; launches that follow are timed until <see cref="Finish"/>.</summary>
    private void Begin() => _start.Record(_stream);

    /// <summary>Waits for everything launched since <see cref="Begin"/>; returns the device time in milliseconds.</summary>
    private double Finish()
    {
        _end.Record(_stream);
        _end.Synchronize();
        return _end.ElapsedSince(_start);
    }
}
