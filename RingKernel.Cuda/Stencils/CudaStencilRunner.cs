using RingKernel.Cuda.Compilation;
using RingKernel.Cuda.Kernels;
using RingKernel.Cuda.Memory;
using RingKernel.Cuda.Modules;
using RingKernel.Cuda.Streams;
using RingKernel.Kernels;
using RingKernel.Memory;

namespace RingKernel.Cuda.Stencils;

/// <summary>
/// What the CUDA stencil solvers share: a stream, start and end events that time the device work
/// (synchronised, so a figure is the time the steps took, not the time to queue them), and launches
/// of the kernels in stencils.cu or their C# twins.
/// </summary>
internal sealed class CudaStencilRunner : IDisposable
{
    public const string Program = "stencils.cu";

    private readonly CudaBackend _backend;
    private readonly CudaStream _stream;
    private readonly CudaEvent _start;
    private readonly CudaEvent _end;

    public CudaStencilRunner(CudaBackend backend)
    {
        backend.EnsureAvailable();
        _backend = backend;
        _stream = new CudaStream(backend.Context);
        _start = new CudaEvent(backend.Context, timing: true);
        _end = new CudaEvent(backend.Context, timing: true);
    }

    public CudaDeviceBuffer AllocateFloats(long count) => (CudaDeviceBuffer)_backend.DeviceMemory.Allocate(count * sizeof(float), 256);

    /// <summary>A body of stencils.cu: <paramref name="entryPoint"/> with <paramref name="parameterCount"/> parameters bound by <paramref name="bind"/>.</summary>
    public static CudaKernelBody<TArgs> Body<TArgs>(string entryPoint, int parameterCount, CudaArgumentBinder<TArgs> bind) =>
        new(Program, CudaKernelSources.Read(Program), entryPoint, parameterCount, bind);

    /// <summary>
    /// The step body <paramref name="kernel"/> picks: <paramref name="cudaC"/>, or the C# kernel
    /// <paramref name="csharp"/> (global memory) or <paramref name="csharpShared"/> (shared memory),
    /// both bound by <paramref name="bindCSharp"/>.
    /// </summary>
    public static CudaKernelBody<TArgs> Select<TArgs>(CudaStencilKernel kernel, CudaKernelBody<TArgs> cudaC, Delegate csharp, Delegate csharpShared, CudaArgumentBinder<TArgs> bindCSharp) => kernel switch
    {
        CudaStencilKernel.CudaC => cudaC,
        CudaStencilKernel.CSharp => CSharpKernels.Body(csharp, bindCSharp),
        CudaStencilKernel.CSharpSharedMemory => CSharpKernels.Body(csharpShared, bindCSharp),
        _ => throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "No such stencil kernel."),
    };

    /// <summary>Records the start event; launches that follow are timed until <see cref="Finish"/>.</summary>
    public void Begin() => _start.Record(_stream);

    public void Launch<TArgs>(KernelDefinition<TArgs> kernel, TArgs args)
    {
        CudaKernelBody<TArgs> body = CudaBackend.BodyOf(kernel);
        CudaLauncher.Launch(_backend.FunctionOf(body), kernel, body, args, _stream.Handle);
    }

    /// <summary>Copies <paramref name="bytes"/> device to device on the stream.</summary>
    public void Copy(DeviceBuffer destination, DeviceBuffer source, long bytes) => _stream.Copy(destination.DeviceAddress, source.DeviceAddress, (ulong)bytes);

    /// <summary>Waits for everything launched since <see cref="Begin"/>; returns the device time in milliseconds.</summary>
    public double Finish()
    {
        _end.Record(_stream);
        _end.Synchronize();
        return _end.ElapsedSince(_start);
    }

    public void Dispose()
    {
        _end.Dispose();
        _start.Dispose();
        _stream.Dispose();
    }
}
