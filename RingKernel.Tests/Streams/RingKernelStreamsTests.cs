using System.Buffers;
using System.IO.Pipelines;
using RingKernel.Cpu;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Streams;
using RingKernel.Tests.Cpu.RingKernels;
using static RingKernel.Tests.Streams.StreamTraffic;

namespace RingKernel.Tests.Streams;

/// <summary>
/// A CPU ring kernel serving a duplex pipe (<see cref="RingKernelStreams.ServeAsync"/>): every frame in
/// is answered in order; a client that stops reading stops the kernel and then its own writes, and
/// nothing is lost; a malformed frame or a faulting kernel ends the serving with a clear exception.
/// </summary>
public class RingKernelStreamsTests
{
    private const long Poison = -1;

    [Fact]
    public async Task Every_frame_in_is_answered_in_order_and_both_ends_complete()
    {
        const int Total = 5000;
        await using Served served = await Served.StartAsync(capacity: 64);
        Task<List<(uint TypeId, byte[] Payload)>> reading = ReadAllFramesAsync(served.Client.Input);
        await WriteInChunksAsync(served.Client.Output, Ticks(Total), chunk: 1000);

        await served.Serving;
        List<(uint TypeId, byte[] Payload)> replies = await reading;
        Assert.Equal(Enumerable.Range(0, Total).Select(i => 2L * i), replies.Select(r => BitConverter.ToInt64(r.Payload)));
        Assert.All(replies, r => Assert.Equal(StreamMessages.TickId, r.TypeId));
    }

    [Fact]
    public async Task A_client_that_does_not_read_fills_both_rings_and_is_held_itself_and_nothing_is_lost()
    {
        const int Capacity = 16;
        const int Total = 20_000;
        await using Served served = await Served.StartAsync(Capacity, pauseWriterThreshold: 1024);

        // Far more than the rings and pipes hold between them, written without reading a reply.
        int written = 0;
        Task writing = Task.Run(async () =>
        {
            byte[] stream = Ticks(Total);
            const int FrameBytes = StreamFrameHeader.Size + sizeof(long);
            for (; written < Total; written++)
            {
                served.Client.Output.Write(stream.AsSpan(written * FrameBytes, FrameBytes));
                await served.Client.Output.FlushAsync();
            }

            await served.Client.Output.CompleteAsync();
        });

        // Held end to end: the egress waits on the client, so the kernel waits for room in its output
        // ring, so its input ring fills, so the ingest stops reading, so the client's writes are held.
        IRingKernel kernel = served.Kernel.Kernel;
        await WaitUntilAsync(() => kernel.Output.Ring.Count == Capacity && kernel.Input.Ring.Count == Capacity, "both rings are full");
        Assert.False(writing.IsCompleted);
        Assert.False(served.Serving.IsCompleted);
        Assert.True(Volatile.Read(ref written) < Total);

        List<(uint TypeId, byte[] Payload)> replies = await ReadAllFramesAsync(served.Client.Input);
        await writing;
        await served.Serving;
        Assert.Equal(Enumerable.Range(0, Total).Select(i => 2L * i), replies.Select(r => BitConverter.ToInt64(r.Payload)));
    }

    [Fact]
    public async Task A_malformed_frame_is_reported_after_the_frames_before_it_are_answered()
    {
        await using Served served = await Served.StartAsync(capacity: 64);
        Task<List<(uint TypeId, byte[] Payload)>> reading = ReadAllFramesAsync(served.Client.Input);
        var stream = new ArrayBufferWriter<byte>();
        stream.Write(Ticks(100));
        StreamFrames.WriteBytes(stream, 99, new byte[8]);
        stream.Write(Ticks(50, first: 1000));
        served.Client.Output.Write(stream.WrittenSpan);
        await served.Client.Output.FlushAsync();

        var error = await Assert.ThrowsAsync<StreamFrameException>(() => served.Serving);
        Assert.Equal(100 * 16, error.Offset);
        Assert.Equal(StreamFrameError.UnknownType, error.Error);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => 2L * i), (await reading).Select(r => BitConverter.ToInt64(r.Payload)));
    }

    [Fact]
    public async Task A_kernel_that_faults_mid_stream_ends_the_serving_with_its_fault()
    {
        await using Served served = await Served.StartAsync(capacity: 64);
        var stream = new ArrayBufferWriter<byte>();
        stream.Write(Ticks(10));
        StreamFrames.Write(stream, StreamMessages.Types(), new Tick(Poison));
        stream.Write(Ticks(10, first: 10));
        served.Client.Output.Write(stream.WrittenSpan);
        await served.Client.Output.FlushAsync();

        var fault = await Assert.ThrowsAsync<KernelFaultedException>(() => served.Serving);
        Assert.Contains("poison", fault.Message);
    }

    [Fact]
    public async Task A_client_that_stops_reading_ends_the_serving_instead_of_holding_it_for_ever()
    {
        const int Capacity = 16;
        await using Served served = await Served.StartAsync(Capacity, pauseWriterThreshold: 1024);
        await served.Client.Input.CompleteAsync();
        Task writing = WriteInChunksAsync(served.Client.Output, Ticks(20_000), chunk: 160);

        var error = await Assert.ThrowsAsync<IOException>(() => served.Serving);
        Assert.Contains("stopped reading", error.Message);

        // The ingest stopped too: the client's writes fail with its reason instead of waiting for ever.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writing);
    }

    /// <summary>Doubles every tick; throws on <see cref="Poison"/>.</summary>
    private static KernelDefinition<object?> Doubler(int capacity) =>
        new KernelDefinition<object?>("doubler", new LaunchOptions(new Dim3(1), new Dim3(1)) { InputRingCapacity = capacity, OutputRingCapacity = capacity, MessageSlotBytes = StreamMessages.SlotSize })
            .WithCpuMessage(static (kernel, _) =>
            {
                Tick tick = kernel.Get<Tick>();
                if (tick.Value == Poison)
                    throw new InvalidOperationException("poison tick");
                kernel.Reply(new Tick(tick.Value * 2));
            });

    /// <summary>A doubler kernel serving one end of a pair of pipes; the test is the client at the other.</summary>
    private sealed class Served : IAsyncDisposable
    {
        private Served(RunningKernel kernel, IDuplexPipe client, Task serving)
        {
            Kernel = kernel;
            Client = client;
            Serving = serving;
        }

        public RunningKernel Kernel { get; }

        public IDuplexPipe Client { get; }

        public Task Serving { get; }

        public static async Task<Served> StartAsync(int capacity, long pauseWriterThreshold = 65536)
        {
            KernelDefinition<object?> definition = Doubler(capacity);
            var backend = new CpuBackend();
            var memory = RingKernelMemory.Allocate(backend.MemorySpace, definition.Options, StreamMessages.Types());
            var kernel = new RunningKernel(backend.CreateRingKernel(definition, null, memory), memory);
            kernel.Kernel.Launch();
            await kernel.Kernel.ActivateAsync();
            var options = new PipeOptions(pauseWriterThreshold: pauseWriterThreshold, resumeWriterThreshold: pauseWriterThreshold / 2, useSynchronizationContext: false);
            var toServer = new Pipe(options);
            var toClient = new Pipe(options);
            Task serving = kernel.Kernel.ServeAsync(new DuplexPipe(toServer.Reader, toClient.Writer));
            return new Served(kernel, new DuplexPipe(toClient.Reader, toServer.Writer), serving);
        }

        /// <summary>Hangs up, ends the kernel (which ends a serving still under way), then frees the memory once the bridges are done with it.</summary>
        public async ValueTask DisposeAsync()
        {
            await Client.Input.CompleteAsync();
            await Client.Output.CompleteAsync();
            await Kernel.Kernel.DisposeAsync();
            await Serving.ContinueWith(static _ => { }, TaskScheduler.Default);
            await Kernel.DisposeAsync();
        }
    }

    private sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
