using System.Diagnostics;
using System.Globalization;
using RingKernel.Cuda.K2K;
using RingKernel.Cuda;
using RingKernel.Cuda.Kernels;
using RingKernel.Cuda.RingKernels;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;

namespace RingKernel.Tests.Cuda.HostBuild;

/// <summary>
/// A CUDA ring kernel whose device code runs as a host process (see <see cref="HostBuiltCudaBackend"/>):
/// launched with the parameters CudaRingKernel binds (control block, rings, checksummed, K2K binding,
/// then the body's own), watched by the backend's <see cref="DeviceDoorbell"/> until the process ends,
/// which it reports as CudaRingKernel reports the end of its stream.
/// </summary>
internal sealed class HostBuiltRingKernel<TArgs> : RingKernelBase, IHostBuiltKernel
{
    private readonly HostBuiltCudaBackend _backend;
    private readonly CudaKernelBody<TArgs> _body;
    private readonly TArgs _args;
    private CudaK2KBinding? _k2k;
    private Process? _process;
    private Thread? _doorbell;

    public HostBuiltRingKernel(HostBuiltCudaBackend backend, KernelDefinition<TArgs> kernel, CudaKernelBody<TArgs> body, TArgs args, RingKernelMemory memory)
        : base(kernel.Name, memory)
    {
        _backend = backend;
        _body = body;
        _args = args;
    }

    public override void Launch()
    {
        string program = HostBuiltRingKernelPrograms.Path;
        EnterLaunched();
        if (Memory.K2K is { } endpoint)
            _k2k = new CudaK2KBinding(_backend.MemorySpace, endpoint);

        // Both streams redirected: the child must not hold the test host's output open.
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in Arguments())
            start.ArgumentList.Add(argument);

        // The doorbell takes the cursors before the kernel can move them, as CudaRingKernel's does.
        var doorbell = new DeviceDoorbell(Memory, Commands);
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the host build of the kernel.");
        _doorbell = new Thread(() => Watch(doorbell)) { IsBackground = true, Name = $"host-built cuda ring kernel {Name} doorbell" };
        _doorbell.Start();
    }

    public void Stop()
    {
        if (_process is not { } process)
            return;
        if (!process.HasExited)
            process.Kill();
        _doorbell?.Join();
        process.Dispose();
    }

    /// <summary>The program's arguments: the file and where it is mapped, the entry point, CudaRingKernel's parameters, then the body's.</summary>
    private unsafe List<string> Arguments()
    {
        SharedFileMemory shared = _backend.SharedMemory;
        Span<byte> bytes = stackalloc byte[CudaParameters.MaxBytes];
        Span<int> offsets = stackalloc int[256];
        var own = new CudaParameters(bytes, offsets);
        _body.Bind(_args, ref own);
        Assert.Equal(_body.ParameterCount, CudaBackend.RingKernelParameters + own.Count);
        var arguments = new List<string>
        {
            shared.Path,
            Text((ulong)shared.Base),
            _body.EntryPoint,
            Text((ulong)Memory.ControlBlockPointer),
            Text(Memory.Input.Ring.Buffer.DeviceAddress),
            Text(Memory.Output.Ring.Buffer.DeviceAddress),
            Memory.Output.Checksummed ? "1" : "0",
            Text(_k2k?.DeviceAddress ?? 0),
        };

        // The conformance bodies' own parameters are 32-bit type ids.
        for (int i = 0; i < own.Count; i++)
            arguments.Add(Text(BitConverter.ToUInt32(bytes[own.OffsetOf(i)..])));
        return arguments;
    }

    private static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The doorbell thread, as CudaRingKernel's: wakes host waiters until the process ends, then reports how the kernel ended.</summary>
    private unsafe void Watch(DeviceDoorbell doorbell)
    {
        Process process = _process!;
        int quietPolls = 0;
        while (!process.HasExited)
        {
            bool k2kMoved = _k2k is not null && _k2k.Refresh();
            if (doorbell.Poll() | k2kMoved)
                quietPolls = 0;
            else
                Thread.Sleep(++quietPolls < 2000 ? 0 : 1);
        }

        // The kernel has ended: the host may now consume what it left (a faulted message) and, for a
        // relaunch, produce where it stopped; take the cursors it moved.
        Memory.Input.Ring.AdoptConsumerPosition();
        Memory.Output.Ring.AdoptProducerPosition();
        doorbell.Finish();
        _k2k?.Dispose();
        ControlBlock* control = Memory.ControlBlockPointer;
        var status = (KernelStatus)Volatile.Read(ref *(uint*)&control->Status);
        if (process.ExitCode == 0 && status == KernelStatus.Terminated)
        {
            ReportTerminated();
            return;
        }

        string reason = process.ExitCode != 0
            ? $"the host build exited with {process.ExitCode}: {process.StandardError.ReadToEnd()}"
            : status == KernelStatus.Faulted
                ? $"its CUDA body faulted (error {Volatile.Read(ref control->LastError)})"
                : $"its CUDA body ended without reporting (status {status})";
        bool onMessage = process.ExitCode == 0 && status == KernelStatus.Faulted && Volatile.Read(ref control->LastError) == KernelErrorCodes.BodyFault;
        ReportFaulted(new KernelFaultedException(Name, reason), onMessage);
    }
}
