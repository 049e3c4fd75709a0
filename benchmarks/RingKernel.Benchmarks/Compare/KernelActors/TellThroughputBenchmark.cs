using System.Diagnostics;
using Akka.Actor;
using RingKernel.Cpu;
using RingKernel.Kernels.Actors;
using RingKernel.Rings;

namespace RingKernel.Benchmarks.Compare.KernelActors;

/// <summary>
/// Fire-and-forget throughput into one consumer from two producer threads, 8-byte messages: a run
/// times from the producers' release until the consumer has taken the last of their messages (the
/// consumer stamps that moment), and checks that it took exactly that many with exactly their sum.
/// Ours: each producer calls <see cref="KernelRef{TRequest, TReply}.TryTell"/> (or, batched,
/// <see cref="KernelRef{TRequest, TReply}.TryTellMany"/> with <see cref="Batch"/> messages at a time) into a
/// CPU ring kernel that counts, spinning (then yielding) while the input ring is full. Baseline: each producer calls
/// <c>Tell</c> on a plain Akka.NET actor that counts (its unbounded mailbox never pushes back). A third side,
/// <see cref="InputRingOnly"/>, writes into a bare ring of the kernel's input geometry that a thread of its own
/// reads (<see cref="InputRingConsumer"/>): the ceiling the ring sets for the direct path.
/// </summary>
internal sealed class TellThroughputBenchmark : IDisposable
{
    public const int Producers = 2;

    /// <summary>Messages a batched producer hands the ring at once.</summary>
    public const int Batch = 64;

    /// <summary>Input ring slots of the counting kernel.</summary>
    private const int RingCapacity = 4096;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    private readonly Action _release;
    private readonly Tally _tally;
    private readonly Action<long> _produce;

    private TellThroughputBenchmark(Action release, Tally tally, Action<long> produce)
    {
        _release = release;
        _tally = tally;
        _produce = produce;
    }

    public static TellThroughputBenchmark Ours(CpuBackend backend, int batch)
    {
        var system = BenchmarkActorSystem.Create("kernel-tell");
        var tally = new Tally();
        IActorRef kernel = system.ActorOf(KernelActor.Props(backend, BenchmarkKernels.Counter(RingCapacity), tally, BenchmarkKernels.ActorOptions()), "counter");
        KernelRef<Sample, Sample> counter = kernel.GetKernelRefAsync<Sample, Sample>().GetAwaiter().GetResult();
        return new TellThroughputBenchmark(
            () => BenchmarkActorSystem.Shutdown(system),
            tally,
            batch > 1 ? messages => ProduceBatches(counter, messages, batch) : messages => Produce(messages, new KernelRefWriter(counter)));
    }

    /// <summary>The producers write with <see cref="MessageRing.TryEnqueue{T}"/> into a bare ring of the counting kernel's input geometry.</summary>
    public static TellThroughputBenchmark InputRingOnly()
    {
        var tally = new Tally();
        var consumer = new InputRingConsumer(BenchmarkKernels.Counter(RingCapacity).Options, tally);
        MessageRing ring = consumer.Ring;
        return new TellThroughputBenchmark(consumer.Dispose, tally, messages => Produce(messages, new RingWriter(ring)));
    }

    /// <summary>Writes the values 1 to <paramref name="messages"/> one by one, spinning (then yielding) while the ring is full.</summary>
    private static void Produce<TWriter>(long messages, TWriter writer)
        where TWriter : struct, ISampleWriter
    {
        var wait = new SpinWait();
        for (long i = 1; i <= messages; i++)
        {
            var sample = new Sample(i);
            if (writer.TryWrite(in sample))
                continue;
            do
                wait.SpinOnce(sleep1Threshold: -1);
            while (!writer.TryWrite(in sample));
            wait.Reset();
        }
    }

    private static void ProduceBatches(KernelRef<Sample, Sample> counter, long messages, int batch)
    {
        var samples = new Sample[batch];
        var wait = new SpinWait();
        for (long next = 1; next <= messages;)
        {
            int count = (int)Math.Min(batch, messages - next + 1);
            for (int i = 0; i < count; i++)
                samples[i] = new Sample(next + i);
            for (int sent = 0; sent < count;)
            {
                int written = counter.TryTellMany(samples.AsSpan(sent, count - sent));
                if (written == 0)
                {
                    wait.SpinOnce(sleep1Threshold: -1);
                    continue;
                }

                sent += written;
                wait.Reset();
            }

            next += count;
        }
    }

    public static TellThroughputBenchmark Baseline()
    {
        var system = BenchmarkActorSystem.Create("akka-tell");
        var tally = new Tally();
        IActorRef counter = system.ActorOf(Props.Create(() => new CountingActor(tally)), "counter");
        return new TellThroughputBenchmark(() => BenchmarkActorSystem.Shutdown(system), tally, messages =>
        {
            for (long i = 1; i <= messages; i++)
                counter.Tell(new Sample(i), ActorRefs.NoSender);
        });
    }

    /// <summary>Each producer sends the values 1 to <paramref name="perProducer"/>; returns the messages consumed per second.</summary>
    /// <exception cref="InvalidOperationException">The consumer took other messages than were sent.</exception>
    public double Run(long perProducer)
    {
        long countBefore = _tally.Count;
        long sumBefore = _tally.Sum;
        long messages = Producers * perProducer;
        _tally.Expect(messages);
        using var start = new Barrier(Producers + 1);
        var threads = new Thread[Producers];
        for (int p = 0; p < Producers; p++)
        {
            threads[p] = new Thread(() =>
            {
                start.SignalAndWait();
                _produce(perProducer);
            }) { IsBackground = true, Name = $"producer {p}" };
            threads[p].Start();
        }

        start.SignalAndWait();
        long started = Stopwatch.GetTimestamp();
        long reached = _tally.WaitForTarget(RunTimeout);
        foreach (Thread thread in threads)
            thread.Join();

        long taken = _tally.Count - countBefore;
        long sum = _tally.Sum - sumBefore;
        long expectedSum = Producers * (perProducer * (perProducer + 1) / 2);
        if (taken != messages || sum != expectedSum)
            throw new InvalidOperationException($"The consumer took {taken} messages summing to {sum}; {messages} summing to {expectedSum} were sent.");
        return messages / Stopwatch.GetElapsedTime(started, reached).TotalSeconds;
    }

    public void Dispose()
    {
        _release();
        _tally.Dispose();
    }

    /// <summary>One producer write; a struct, so that <see cref="Produce{TWriter}"/> calls it without indirection.</summary>
    private interface ISampleWriter
    {
        bool TryWrite(in Sample sample);
    }

    private readonly struct KernelRefWriter(KernelRef<Sample, Sample> kernel) : ISampleWriter
    {
        public bool TryWrite(in Sample sample) => kernel.TryTell(in sample);
    }

    private readonly struct RingWriter(MessageRing ring) : ISampleWriter
    {
        public bool TryWrite(in Sample sample) => ring.TryEnqueue(in sample);
    }
}
