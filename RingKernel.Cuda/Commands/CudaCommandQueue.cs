using System.Runtime.InteropServices;
using System.Threading.Channels;
using RingKernel.Commands;
using RingKernel.Cuda.Kernels;
using RingKernel.Cuda.Memory;
using RingKernel.Cuda.Modules;
using RingKernel.Cuda.Streams;
using RingKernel.Kernels;
using RingKernel.Memory;

namespace RingKernel.Cuda.Commands;

/// <summary>
/// A command queue on a CUDA stream. A worker turns each submission into stream work in order:
/// Wait is cuStreamWaitValue64 (GEQ) on the signal's mapped word, so the device waits without the
/// host; Exec launches the kernel; Copy is cuMemcpyAsync between unified addresses; Signal is
/// cuStreamWriteValue64 followed by a host function that releases host waiters. The worker then
/// waits for the submission's event and advances <see cref="Progress"/>; a device fault faults the
/// queue as <see cref="ICommandQueue"/> describes.
/// </summary>
/// <remarks>
/// MemoryBarrier adds nothing to a stream: each command completes, its writes visible, before the
/// next one starts.
/// </remarks>
public sealed class CudaCommandQueue : ICommandQueue
{
    private readonly CudaBackend _backend;
    private readonly CudaStream _stream;
    private readonly CudaEvent _done;
    private readonly MappedSignalMemory _signals;
    private readonly StreamDispatcher _dispatcher;
    private readonly Channel<Submission> _submissions = Channel.CreateUnbounded<Submission>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _disposing = new();
    private readonly Task _worker;
    private readonly CommandQueueIntake _intake;

    internal CudaCommandQueue(CudaBackend backend, QueueKind kind, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown queue kind.");
        _backend = backend;
        Kind = kind;
        Name = name;
        _stream = new CudaStream(backend.Context);
        _done = new CudaEvent(backend.Context, timing: false);
        _signals = backend.SignalMemory;
        _dispatcher = new StreamDispatcher(backend, _stream);
        Progress = new TimelineSignal($"{name}.progress");
        _intake = new CommandQueueIntake(name);
        _worker = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public string Name { get; }

    public QueueKind Kind { get; }

    public TimelineSignal Progress { get; }

    public Exception? Fault => _intake.Fault;

    public CommandToken Submit(CommandList commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        QueueCommand[] snapshot = [.. commands.Commands];
        CommandQueueIntake.RefuseDispatchesOnCopyQueue(Kind, Name, snapshot, nameof(commands));

        foreach (QueueCommand command in snapshot)
        {
            if (command is CopyCommand copy)
                CheckCopy(copy);
        }

        ulong number = _intake.Admit(this, (Queue: this, Commands: snapshot), static (number, state) =>
            state.Queue._submissions.Writer.TryWrite(new Submission(number, state.Commands)));
        return new CommandToken(Progress, number);
    }

    public CommandToken CopyAsync(DeviceBuffer source, long sourceOffset, DeviceBuffer destination, long destinationOffset, long length) =>
        Submit(new CommandList().Copy(source, sourceOffset, destination, destinationOffset, length));

    public void Dispose()
    {
        if (!_intake.TryClose(_submissions.Writer, static writer => writer.Complete()))
            return;

        _disposing.Cancel();
        _worker.GetAwaiter().GetResult();
        _done.Dispose();
        _stream.Dispose();
        _disposing.Dispose();
    }

    public override string ToString() => $"{Kind} queue '{Name}' on a CUDA stream";

    private static void CheckCopy(CopyCommand copy)
    {
        if (copy.Source is not (CudaPinnedBuffer or CudaDeviceBuffer) || copy.Destination is not (CudaPinnedBuffer or CudaDeviceBuffer))
            throw new NotSupportedException($"A CUDA queue copies between buffers of the CUDA backend's memory spaces; {copy} involves another kind of buffer.");
    }

    private void Run()
    {
        while (_submissions.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (_submissions.Reader.TryRead(out Submission? submission))
                Execute(submission);
        }
    }

    private void Execute(Submission submission)
    {
        if (Fault is { } fault)
        {
            SignalCommand.FailAll(submission.Commands, fault);
            return;
        }

        int index = 0;
        try
        {
            for (; index < submission.Commands.Length; index++)
            {
                _disposing.Token.ThrowIfCancellationRequested();
                Enqueue(submission.Commands[index]);
            }

            index = submission.Commands.Length - 1;
            _done.Record(_stream);
            WaitForDevice();
        }
        catch (Exception ex)
        {
            Exception reason = _disposing.IsCancellationRequested
                ? new ObjectDisposedException(Name, $"Command queue '{Name}' was disposed before the command completed.")
                : ex;
            int failed = Math.Max(index, 0);
            string command = submission.Commands.Length > 0 ? submission.Commands[failed].ToString() : "(empty submission)";
            var faulted = new CommandQueueFaultedException(Name, Kind, submission.Number, failed, command, reason);
            _intake.RecordFault(faulted);
            SignalCommand.FailAll(submission.Commands, faulted);
            Progress.Fail(faulted);
            return;
        }

        // Host functions run on a driver thread; observing here as well releases waiters in order.
        foreach (QueueCommand command in submission.Commands)
        {
            if (command is SignalCommand signal)
                signal.Signal.ObserveMemory();
        }

        Progress.Signal(submission.Number);
    }

    /// <summary>
    /// Polls the submission's event rather than blocking in the driver, so that Dispose can stop
    /// waiting for a stream held by a signal that never comes (a stream's work cannot be cancelled;
    /// destroying the stream releases it once the device is done).
    /// </summary>
    private void WaitForDevice()
    {
        var spinner = new SpinWait();
        while (!_done.IsComplete())
        {
            _disposing.Token.ThrowIfCancellationRequested();
            spinner.SpinOnce(sleep1Threshold: 20);
        }
    }

    private unsafe void Enqueue(QueueCommand command)
    {
        switch (command)
        {
            case WaitCommand wait:
                _stream.WaitValue(_signals.AddressOf(wait.Signal), wait.Value);
                break;
            case ExecCommand exec:
                exec.Run(_dispatcher, _disposing.Token);
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
    }

    /// <summary>Runs on a driver thread after a Signal's write: releases the host waiters the new value satisfies. Makes no CUDA call.</summary>
    [UnmanagedCallersOnly]
    private static void ObserveSignal(nint handle)
    {
        if (GCHandle.FromIntPtr(handle).Target is TimelineSignal signal)
            signal.ObserveMemory();
    }

    private sealed record Submission(ulong Number, QueueCommand[] Commands);

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
