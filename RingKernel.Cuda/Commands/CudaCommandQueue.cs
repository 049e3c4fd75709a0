using System.Runtime.InteropServices;
using RingKernel.Commands;
using RingKernel.Cuda.Kernels;
using RingKernel.Cuda.Memory;
using RingKernel.Cuda.Modules;
using RingKernel.Cuda.Streams;
using RingKernel.Kernels;

namespace RingKernel.Cuda.Commands;

/// <summary>
/// A command queue on a CUDA stream. A worker turns each submission into stream work in order:
/// Wait is cuStreamWaitValue64 (GEQ) on the signal's mapped word, so the device waits without the
/// host; Exec launches the kernel; Copy is cuMemcpyAsync between unified addresses; Signal is
/// cuStreamWriteValue64 followed by a host function that releases host waiters. The worker then
/// waits for the submission's event and advances <see cref="CommandQueueBase.Progress"/>; a device fault faults the
/// queue as <see cref="ICommandQueue"/> describes.
/// </summary>
/// <remarks>
/// MemoryBarrier adds nothing to a stream: each command completes, its writes visible, before the
/// next one starts.
/// </remarks>
public sealed class CudaCommandQueue : CommandQueueBase
{
    private readonly CudaStream _stream;
    private readonly CudaEvent _done;
    private readonly MappedSignalMemory _signals;
    private readonly StreamDispatcher _dispatcher;

    internal CudaCommandQueue(CudaBackend backend, QueueKind kind, string name)
        : base(kind, name, issuedCommandsHaveRun: false)
    {
        _stream = new CudaStream(backend.Context);
        _done = new CudaEvent(backend.Context, timing: false);
        _signals = backend.SignalMemory;
        _dispatcher = new StreamDispatcher(backend, _stream);
        StartWorker(ownThread: true);
    }

    public override string ToString() => $"{Kind} queue '{Name}' on a CUDA stream";

    protected override void Check(QueueCommand command)
    {
        if (command is CopyCommand copy && (copy.Source is not (CudaPinnedBuffer or CudaDeviceBuffer) || copy.Destination is not (CudaPinnedBuffer or CudaDeviceBuffer)))
            throw new NotSupportedException($"A CUDA queue copies between buffers of the CUDA backend's memory spaces; {copy} involves another kind of buffer.");
    }

    protected override unsafe ValueTask IssueAsync(QueueCommand command, CancellationToken cancellation)
    {
        switch (command)
        {
            case WaitCommand wait:
                _stream.WaitValue(_signals.AddressOf(wait.Signal), wait.Value);
                break;
            case ExecCommand exec:
                exec.Run(_dispatcher, cancellation);
                break;
            case CopyCommand copy:
                _stream.Copy(copy.Destination.DeviceAddress + (ulong)copy.DestinationOffset, copy.Source.DeviceAddress + (ulong)copy.SourceOffset, (ulong)copy.Length);
                break;
            case MemoryBarrierCommand:
                break;
            case SignalCommand signal:
                _stream.WriteValue(_signals.AddressOf(signal.Signal), signal.Value);
                _stream.CallHost(&ObserveSignal, _signals.HandleOf(signal.Signal));
                break;
            default:
                throw new NotSupportedException($"The CUDA queue has no way to run {command}.");
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Records the submission's event and polls it rather than blocking in the driver, so that Dispose
    /// can stop waiting for a stream held by a signal that never comes (a stream's work cannot be
    /// cancelled; destroying the stream releases it once the device is done).
    /// </summary>
    protected override ValueTask CompleteAsync(QueueCommand[] commands, CancellationToken cancellation)
    {
        _done.Record(_stream);
        var spinner = new SpinWait();
        while (!_done.IsComplete())
        {
            cancellation.ThrowIfCancellationRequested();
            spinner.SpinOnce(sleep1Threshold: 20);
        }

        // Host functions run on a driver thread; observing here as well releases waiters in order.
        foreach (QueueCommand command in commands)
        {
            if (command is SignalCommand signal)
                signal.Signal.ObserveMemory();
        }

        return ValueTask.CompletedTask;
    }

    protected override void OnStopped()
    {
        _done.Dispose();
        _stream.Dispose();
    }

    /// <summary>Runs on a driver thread after a Signal's write: releases the host waiters the new value satisfies. Makes no CUDA call.</summary>
    [UnmanagedCallersOnly]
    private static void ObserveSignal(nint handle)
    {
        if (GCHandle.FromIntPtr(handle).Target is TimelineSignal signal)
            signal.ObserveMemory();
    }

    /// <summary>Launches each Exec command's kernel on the queue's stream, without waiting.</summary>
    private sealed class StreamDispatcher(CudaBackend backend, CudaStream stream) : IKernelDispatcher
    {
        public void Dispatch<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, CancellationToken cancellationToken)
        {
            CudaKernelBody<TArgs> body = CudaBackend.BodyOf(kernel);
            CudaLauncher.Launch(backend.FunctionOf(body), kernel, body, args, stream.Handle);
        }
    }
}
