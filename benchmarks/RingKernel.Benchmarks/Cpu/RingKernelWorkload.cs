using System.Diagnostics;
using System.Threading.Channels;
using RingKernel.Cpu;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using RingKernel.Rings;

namespace RingKernel.Benchmarks.Cpu;

/// <summary>
/// Host ↔ persistent-kernel messaging against two threads and <see cref="Channel{T}"/>s doing the
/// same: an 8-byte payload echoed back. Both sides busy-poll (spin, then yield) when a queue is
/// empty or full, so they wait the same way. Each method checks every reply (count and sum).
/// </summary>
public static class RingKernelWorkload
{
    /// <summary>Ring and channel capacity in messages.</summary>
    public const int Capacity = 4096;

    /// <summary>Round-trip latencies in nanoseconds, one message in flight, through an echo ring kernel (checksums off).</summary>
    public static double[] KernelRoundTrips(int count) => WithEchoKernel(kernel =>
    {
        MessageRing input = kernel.Input;
        MessageRing output = kernel.Output;
        var samples = new double[count];
        var spinner = new SpinWait();
        for (int i = 0; i < count; i++)
        {
            spinner.Reset(); // each round trip starts spinning afresh instead of inheriting the last one's yields
            long began = Stopwatch.GetTimestamp();
            if (!input.TryEnqueue(new Value(i), new MessageHeader { CorrelationId = (ulong)i + 1 }))
                throw new InvalidOperationException("The input ring is full with one message in flight.");
            Value reply;
            MessageHeader header;
            while (!output.TryDequeue(out reply, out header))
                spinner.SpinOnce(sleep1Threshold: -1);
            samples[i] = Stopwatch.GetElapsedTime(began).TotalNanoseconds;
            if (reply.Number != i || header.CorrelationId != (ulong)i + 1)
                throw new InvalidOperationException($"Round trip {i} came back as {reply.Number} for request {header.CorrelationId}.");
        }

        return samples;
    });

    /// <summary>The baseline: two threads ping-ponging through two bounded channels.</summary>
    public static double[] ChannelRoundTrips(int count)
    {
        Channel<long> requests = Bounded();
        Channel<long> replies = Bounded();
        var echo = new Thread(() => Echo(requests.Reader, replies.Writer, count)) { IsBackground = true, Name = "channel echo" };
        echo.Start();
        var samples = new double[count];
        var spinner = new SpinWait();
        for (int i = 0; i < count; i++)
        {
            spinner.Reset(); // each round trip starts spinning afresh instead of inheriting the last one's yields
            long began = Stopwatch.GetTimestamp();
            requests.Writer.TryWrite(i);
            long reply;
            while (!replies.Reader.TryRead(out reply))
                spinner.SpinOnce(sleep1Threshold: -1);
            samples[i] = Stopwatch.GetElapsedTime(began).TotalNanoseconds;
            if (reply != i)
                throw new InvalidOperationException($"Round trip {i} came back as {reply}.");
        }

        echo.Join();
        return samples;
    }

    /// <summary>Messages per second echoed by a ring kernel, many in flight: one host thread fills the input ring and drains the output ring in turn.</summary>
    public static double KernelThroughput(long count) => WithEchoKernel(kernel =>
    {
        MessageRing input = kernel.Input;
        MessageRing output = kernel.Output;
        var sum = new SumReplies();
        long sent = 0;
        var spinner = new SpinWait();
        long began = Stopwatch.GetTimestamp();
        while (sum.Count < count)
        {
            int progress = 0;
            while (sent < count && input.TryEnqueue(new Value(sent)))
            {
                sent++;
                progress++;
            }

            progress += output.Drain(ref sum);
            if (progress == 0)
                spinner.SpinOnce(sleep1Threshold: -1);
            else
                spinner.Reset();
        }

        double seconds = Stopwatch.GetElapsedTime(began).TotalSeconds;
        Check(sum.Total, count);
        return count / seconds;
    });

    /// <summary>The baseline: the same host loop against an echo thread between two bounded channels.</summary>
    public static double ChannelThroughput(long count)
    {
        Channel<long> requests = Bounded();
        Channel<long> replies = Bounded();
        var echo = new Thread(() => Echo(requests.Reader, replies.Writer, count)) { IsBackground = true, Name = "channel echo" };
        echo.Start();
        long sent = 0;
        long received = 0;
        long total = 0;
        var spinner = new SpinWait();
        long began = Stopwatch.GetTimestamp();
        while (received < count)
        {
            int progress = 0;
            while (sent < count && requests.Writer.TryWrite(sent))
            {
                sent++;
                progress++;
            }

            while (replies.Reader.TryRead(out long reply))
            {
                total += reply;
                received++;
                progress++;
            }

            if (progress == 0)
                spinner.SpinOnce(sleep1Threshold: -1);
            else
                spinner.Reset();
        }

        double seconds = Stopwatch.GetElapsedTime(began).TotalSeconds;
        echo.Join();
        Check(total, count);
        return count / seconds;
    }

    private static T WithEchoKernel<T>(Func<IRingKernel, T> run)
    {
        var options = new LaunchOptions(new Dim3(1), new Dim3(1)) { InputRingCapacity = Capacity, OutputRingCapacity = Capacity, MessageSlotBytes = 128 };
        var kernel = new KernelDefinition<object?>("echo", options)
            .WithCpuMessage(static (context, _) => context.Reply(context.Get<Value>()));
        var types = new MessageTypeRegistry(64);
        types.Register<Value>(1);
        var backend = new CpuBackend();
        using RingKernelMemory memory = RingKernelMemory.Allocate(backend.MemorySpace, options, types, checksummed: false);
        IRingKernel running = backend.CreateRingKernel(kernel, null, memory);
        running.Launch();
        try
        {
            running.ActivateAsync().GetAwaiter().GetResult();
            return run(running);
        }
        finally
        {
            running.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static void Echo(ChannelReader<long> requests, ChannelWriter<long> replies, long count)
    {
        var spinner = new SpinWait();
        for (long i = 0; i < count; i++)
        {
            spinner.Reset();
            long request;
            while (!requests.TryRead(out request))
                spinner.SpinOnce(sleep1Threshold: -1);
            while (!replies.TryWrite(request))
                spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    private static Channel<long> Bounded() => Channel.CreateBounded<long>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private static void Check(long total, long count)
    {
        if (total != count * (count - 1) / 2)
            throw new InvalidOperationException($"Replies summed to {total}, not {count * (count - 1) / 2}.");
    }

    /// <summary>The 8-byte payload.</summary>
    private readonly record struct Value(long Number);

    private struct SumReplies : IMessageHandler
    {
        public long Total;
        public long Count;

        public void Handle(RingMessage message)
        {
            Total += message.Get<Value>().Number;
            Count++;
        }
    }
}
