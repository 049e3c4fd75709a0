using System.Diagnostics;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;
using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Rings;

namespace RingKernel.Benchmarks.Compare.KernelActors;

/// <summary>
/// A ring of the geometry a counting kernel actor's input ring has (multi-producer, the same capacity
/// and slot size, CRC-32C on), read by a thread of its own that only adds each <see cref="Sample"/> to a
/// <see cref="Tally"/>: no kernel, no actor. It measures what the ring itself allows, the ceiling of the
/// direct path's Tell.
/// </summary>
/// <remarks>
/// The consumer drains up to <see cref="RingKernelContext.CommitBatch"/> messages at a time, as the CPU
/// kernel commits them. When it finds the ring empty it waits <see cref="EmptyPause"/> before it looks again:
/// of the pauses tried on the project's 2-vCPU guest this one gave the bare ring its highest rate in the
/// guest's slow stretches (benchmarks/RESULTS.md), so this side shows the ring at its best.
/// </remarks>
internal sealed class InputRingConsumer : IDisposable
{
    private static readonly long EmptyPause = Stopwatch.Frequency / 250_000; // 4 µs

    private readonly DeviceBuffer _buffer;
    private readonly Thread _thread;
    private volatile bool _stopping;

    public InputRingConsumer(LaunchOptions kernelOptions, Tally tally)
    {
        _buffer = HostMemorySpace.Instance.Allocate(SlotRing.RequiredBytes(RingKind.MultiProducer, kernelOptions.InputRingCapacity, kernelOptions.MessageSlotBytes));
        Ring = new MessageRing(MpscRing.Create(_buffer, kernelOptions.InputRingCapacity, kernelOptions.MessageSlotBytes));
        Ring.Types.Register<Sample>(Sample.TypeId);
        _thread = new Thread(() => Consume(tally)) { IsBackground = true, Name = "input ring consumer" };
        _thread.Start();
    }

    /// <summary>The ring the producers write to.</summary>
    public MessageRing Ring { get; }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
        _buffer.Dispose();
    }

    private void Consume(Tally tally)
    {
        var counter = new Counter(tally);
        while (!_stopping)
        {
            if (Ring.Drain(ref counter, RingKernelContext.CommitBatch) > 0)
                continue;
            long lookAgain = Stopwatch.GetTimestamp() + EmptyPause;
            while (Stopwatch.GetTimestamp() < lookAgain)
                Thread.SpinWait(1);
        }
    }

    private readonly struct Counter(Tally tally) : IMessageHandler
    {
        public void Handle(RingMessage message) => tally.Add(message.Get<Sample>().Value);
    }
}
