using RingKernel.Cuda.Interop;
using RingKernel.Cuda.K2K;
using RingKernel.Cuda.Kernels;
using RingKernel.Cuda.Modules;
using RingKernel.Cuda.Streams;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;

namespace RingKernel.Cuda.RingKernels;

/// <summary>
/// A persistent ring kernel on a CUDA device: launched once on a stream of its own, it loops over
/// its input ring in mapped host memory (ringkernel_loop.cuh) until terminated. Commands go through
/// the control block exactly as on the CPU (<see cref="RingKernelCommands"/>); a host thread
/// (the <see cref="DeviceDoorbell"/>) wakes host waiters when the kernel moves a cursor or
/// acknowledges, and notices when the kernel has ended, faulted or the device failed.
/// </summary>
/// <remarks>
/// The CUDA body's first five parameters are the backend's: the control block, the input ring,
/// the output ring (device addresses), whether replies are checksummed (int), and the kernel's K2K
/// endpoint (an <c>rk_fabric_endpoint</c>, see <see cref="CudaK2KBinding"/>; null when the memory has
/// none); its binder appends the rest.
/// </remarks>
internal sealed class CudaRingKernel<TArgs> : RingKernelBase
{
    private readonly CudaBackend _backend;
    private readonly KernelDefinition<TArgs> _kernel;
    private readonly CudaKernelBody<TArgs> _body;
    private readonly TArgs _args;
    private CudaK2KBinding? _k2k;

    public CudaRingKernel(CudaBackend backend, KernelDefinition<TArgs> kernel, CudaKernelBody<TArgs> body, TArgs args, RingKernelMemory memory)
        : base(kernel.Name, memory)
    {
        if (body.ParameterCount < CudaBackend.RingKernelParameters)
            throw new ArgumentException($"A CUDA ring kernel declares at least the {CudaBackend.RingKernelParameters} parameters the backend binds (control block, input ring, output ring, checksummed, K2K endpoint); '{kernel.Name}' declares {body.ParameterCount}.", nameof(kernel));
        _backend = backend;
        _kernel = kernel;
        _body = body;
        _args = args;
    }

    public override void Launch()
    {
        // Compile first: a kernel that does not compile stays Created.
        CudaFunction function = _backend.FunctionOf(_body);
        EnterLaunched();

        // The doorbell takes the cursors before the kernel can move them: a move it missed would leave
        // a producer parked on a ring the kernel has drained.
        var doorbell = new DeviceDoorbell(Memory, Commands);
        var stream = new CudaStream(_backend.Context);
        try
        {
            if (Memory.K2K is { } endpoint)
                _k2k = new CudaK2KBinding(_backend.MemorySpace, endpoint);
            CudaLauncher.Launch(function, Name, _kernel.Options, _body, this, static (kernel, ref parameters) => kernel.BindRingLaunch(ref parameters), stream.Handle);
        }
        catch (Exception ex)
        {
            stream.Dispose();
            _k2k?.Dispose();
            ReportFaulted(new KernelFaultedException(Name, $"the launch failed: {ex.Message}", ex), onMessage: false);
            throw;
        }

        var thread = new Thread(() => Watch(stream, doorbell))
        {
            IsBackground = true,
            Name = $"cuda ring kernel {Name} doorbell",
        };
        thread.Start();
    }

    /// <summary>The backend's ring parameters, then the body's.</summary>
    private unsafe void BindRingLaunch(ref CudaParameters parameters)
    {
        ulong control;
        CudaCheck.Driver(CudaDriver.MemHostGetDevicePointer(&control, Memory.ControlBlockPointer, 0), "cuMemHostGetDevicePointer");
        parameters.Value(control);
        parameters.Address(Memory.Input.Ring.Buffer);
        parameters.Address(Memory.Output.Ring.Buffer);
        parameters.Value(Memory.Output.Checksummed ? 1 : 0);
        parameters.Value(_k2k?.DeviceAddress ?? 0UL);
        _body.Bind(_args, ref parameters);
    }

    /// <summary>The doorbell thread: wakes host waiters until the kernel ends, then reports how it ended.</summary>
    private unsafe void Watch(CudaStream stream, DeviceDoorbell doorbell)
    {
        Exception? deviceFault = null;
        var spinner = new SpinWait();
        int quietPolls = 0;
        try
        {
            while (!stream.IsIdle())
            {
                bool k2kMoved = _k2k is not null && _k2k.Refresh();
                if (doorbell.Poll() | k2kMoved)
                {
                    quietPolls = 0;
                    spinner.Reset();
                    continue;
                }

                // Spin while the kernel is busy, then sleep: an idle kernel costs the host little.
                if (++quietPolls < 2000)
                    spinner.SpinOnce(sleep1Threshold: -1);
                else
                    Thread.Sleep(1);
            }
        }
        catch (CudaException ex)
        {
            deviceFault = ex;
        }
        finally
        {
            try
            {
                stream.Dispose();
            }
            catch (CudaException ex)
            {
                deviceFault ??= ex;
            }

            // The kernel has ended: nothing reads its K2K binding any more.
            _k2k?.Dispose();
        }

        // The kernel has ended: the host may now consume what it left (a faulted message) and, for a
        // relaunch, produce where it stopped; take the cursors it moved.
        Memory.Input.Ring.AdoptConsumerPosition();
        Memory.Output.Ring.AdoptProducerPosition();
        doorbell.Finish();
        ControlBlock* control = Memory.ControlBlockPointer;
        var status = (KernelStatus)Volatile.Read(ref *(uint*)&control->Status);
        if (deviceFault is null && status == KernelStatus.Terminated)
        {
            ReportTerminated();
            return;
        }

        string reason = deviceFault is not null
            ? $"the device failed: {deviceFault.Message}"
            : status == KernelStatus.Faulted
                ? $"its CUDA body faulted (error {Volatile.Read(ref control->LastError)})"
                : $"its CUDA body ended without reporting (status {status})";
        bool onMessage = deviceFault is null && status == KernelStatus.Faulted && Volatile.Read(ref control->LastError) == KernelErrorCodes.BodyFault;
        ReportFaulted(new KernelFaultedException(Name, reason, deviceFault), onMessage);
    }
}
