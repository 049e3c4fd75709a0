using RingKernel.Cuda.Compilation;
using RingKernel.Cuda.Interop;
using RingKernel.Cuda.Memory;
using RingKernel.Cuda.Modules;
using RingKernel.Cuda.Streams;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;

namespace RingKernel.Cuda.Kernels;

/// <summary>
/// The launch-per-call way of working, for comparison with a persistent ring kernel: each
/// <see cref="LaunchAndWait"/> is one cuLaunchKernel of ring_echo_once (the same handler as
/// ring_echo) that answers what is in the input ring now, then a stream synchronise.
/// </summary>
public sealed class CudaLaunchPerMessageEcho : IDisposable
{
    private const string Program = "ring_echo.cu";

    private readonly CudaBackend _backend;
    private readonly CudaStream _stream;
    private readonly KernelDefinition<RingEchoOnceArgs> _kernel;
    private readonly RingEchoOnceArgs _args;

    public unsafe CudaLaunchPerMessageEcho(CudaBackend backend, RingKernelMemory memory, uint replyTypeId)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(memory);
        backend.EnsureAvailable();
        if (memory.Input.Ring.Buffer is not CudaPinnedBuffer || memory.Output.Ring.Buffer is not CudaPinnedBuffer)
            throw new ArgumentException("The rings must be allocated in the CUDA backend's MemorySpace.", nameof(memory));
        _backend = backend;
        _stream = new CudaStream(backend.Context);
        _kernel = new KernelDefinition<RingEchoOnceArgs>("ring_echo_once", new LaunchOptions(1, 1)).WithCuda(RingEchoOnce());
        ulong control;
        CudaCheck.Driver(CudaDriver.MemHostGetDevicePointer(&control, memory.ControlBlockPointer, 0), "cuMemHostGetDevicePointer");
        _args = new RingEchoOnceArgs(control, memory.Input.Ring.Buffer.DeviceAddress, memory.Output.Ring.Buffer.DeviceAddress, memory.Output.Checksummed, replyTypeId);
    }

    /// <summary>One launch that answers every message in the input ring now, waited for.</summary>
    public void LaunchAndWait()
    {
        CudaKernelBody<RingEchoOnceArgs> body = CudaBackend.BodyOf(_kernel);
        CudaLauncher.Launch(_backend.FunctionOf(body), _kernel, body, _args, _stream.Handle);
        _stream.Synchronize();
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>ring_echo_once: one launch answers what is in the input ring now and returns; the caller passes the ring pointers.</summary>
    private static CudaKernelBody<RingEchoOnceArgs> RingEchoOnce() =>
        new(Program, CudaKernelSources.Read(Program), "ring_echo_once", 5, static (args, ref parameters) =>
        {
            parameters.Value(args.ControlBlock);
            parameters.Value(args.Input);
            parameters.Value(args.Output);
            parameters.Value(args.Checksummed ? 1 : 0);
            parameters.Value(args.ReplyTypeId);
        });
}
