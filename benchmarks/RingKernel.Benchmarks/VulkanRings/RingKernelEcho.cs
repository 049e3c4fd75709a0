using System.Diagnostics;
using RingKernel.Backends;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using RingKernel.Metal.Kernels;
using RingKernel.Rings;
using RingKernel.TestKernels.Vulkan;
using RingKernel.Vulkan.Kernels;

namespace RingKernel.Benchmarks.VulkanRings;

/// <summary>
/// An echo ring kernel on any <see cref="IRingKernelBackend"/> (C# body on the CPU, Shaders/ring_echo.comp
/// on Vulkan, its MSL on Metal) driven from one host thread that busy-polls (spin, then yield; never parks) and checks
/// every reply: one message in flight for round trips, up to the ring's capacity for throughput.
/// </summary>
public sealed class RingKernelEcho : IAsyncDisposable
{
    public const int Capacity = 4096;

    private readonly RingKernelMemory _memory;
    private readonly IRingKernel _kernel;

    private RingKernelEcho(RingKernelMemory memory, IRingKernel kernel)
    {
        _memory = memory;
        _kernel = kernel;
    }

    /// <summary>A launched, active echo kernel; rings of <see cref="Capacity"/> 128-byte slots, checksums off.</summary>
    public static async Task<RingKernelEcho> StartAsync(IRingKernelBackend backend)
    {
        var options = new LaunchOptions(new Dim3(1), new Dim3(1)) { InputRingCapacity = Capacity, OutputRingCapacity = Capacity, MessageSlotBytes = 128 };
        var definition = new KernelDefinition<object?>("echo", options).WithVulkan(VulkanRingKernelBodies.Echo<object?>())
            .WithCpuMessage(static (kernel, _) => kernel.Reply(kernel.Get<EchoNumber>()))
            .WithMetal();
        var types = new MessageTypeRegistry(64);
        types.Register<EchoNumber>(1);
        RingKernelMemory memory = RingKernelMemory.Allocate(backend.MemorySpace, options, types, checksummed: false);
        IRingKernel kernel = backend.CreateRingKernel(definition, null, memory);
        kernel.Launch();
        await kernel.ActivateAsync().ConfigureAwait(false);
        return new RingKernelEcho(memory, kernel);
    }

    /// <summary>Nanoseconds from enqueuing each of <paramref name="count"/> messages to dequeuing its reply, sorted.</summary>
    public double[] RoundTrips(int count)
    {
        var samples = new double[count];
        var spinner = new SpinWait();
        for (int i = 0; i < count; i++)
        {
            spinner.Reset();
            long began = Stopwatch.GetTimestamp();
            if (!_kernel.Input.TryEnqueue(new EchoNumber(i), new MessageHeader { CorrelationId = (ulong)i + 1 }))
                throw new InvalidOperationException("The input ring is full with one message in flight.");
            EchoNumber reply;
            MessageHeader header;
            while (!_kernel.Output.TryDequeue(out reply, out header))
                spinner.SpinOnce(sleep1Threshold: -1);
            samples[i] = Stopwatch.GetElapsedTime(began).TotalNanoseconds;
            if (reply.Value != i || header.CorrelationId != (ulong)i + 1)
                throw new InvalidOperationException($"Round trip {i} came back as {reply.Value} for request {header.CorrelationId}.");
        }

        Array.Sort(samples);
        return samples;
    }

    /// <summary>Messages per second for <paramref name="count"/> messages, the host filling the input ring and draining the output ring in turn.</summary>
    public double Throughput(long count)
    {
        long sent = 0, received = 0, sum = 0;
        var spinner = new SpinWait();
        long began = Stopwatch.GetTimestamp();
        while (received < count)
        {
            bool moved = false;
            while (sent < count && _kernel.Input.TryEnqueue(new EchoNumber(sent)))
            {
                sent++;
                moved = true;
            }

            while (_kernel.Output.TryDequeue(out EchoNumber reply, out _))
            {
                sum += reply.Value;
                received++;
                moved = true;
            }

            if (moved)
                spinner.Reset();
            else
                spinner.SpinOnce(sleep1Threshold: -1);
        }

        double seconds = Stopwatch.GetElapsedTime(began).TotalSeconds;
        if (sum != count * (count - 1) / 2)
            throw new InvalidOperationException($"The replies sum to {sum}, not {count * (count - 1) / 2}.");
        return count / seconds;
    }

    public async ValueTask DisposeAsync()
    {
        await _kernel.DisposeAsync().ConfigureAwait(false);
        _memory.Dispose();
    }
}
