using RingKernel.Cpu;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using RingKernel.Rings;

namespace RingKernel.Tests.Cpu.RingKernels;

/// <summary>A number carried by a message.</summary>
public readonly record struct Number(long Value);

/// <summary>Asks for the sum of <c>Start + i</c> for i in [0, Count).</summary>
public readonly record struct RangeSum(long Start, int Count);

/// <summary>The kernels and host helpers the ring kernel tests share.</summary>
public static class RingTestKernels
{
    /// <summary>A value that makes <see cref="Echo"/> throw while it processes it.</summary>
    public const long Poison = -1;

    public static MessageTypeRegistry Types()
    {
        var types = new MessageTypeRegistry(192);
        types.Register<Number>(1);
        types.Register<RangeSum>(2);
        return types;
    }

    public static LaunchOptions Options(int workgroupSize = 1, int capacity = 64) =>
        new(new Dim3(1), new Dim3(workgroupSize)) { InputRingCapacity = capacity, OutputRingCapacity = capacity };

    /// <summary>Replies with the number it received; throws on <see cref="Poison"/>.</summary>
    public static KernelDefinition<object?> Echo(LaunchOptions? options = null) => new KernelDefinition<object?>("echo", options ?? Options())
        .WithCpuMessage(static (kernel, _) =>
        {
            Number number = kernel.Get<Number>();
            if (number.Value == Poison)
                throw new InvalidOperationException("poison message");
            kernel.Reply(number);
        });

    /// <summary>Adds every number to its state and replies with the running total.</summary>
    public static KernelDefinition<long[]> Adder() => new KernelDefinition<long[]>("adder", Options())
        .WithCpuMessage(static (kernel, total) =>
        {
            total[0] += kernel.Get<Number>().Value;
            kernel.Reply(new Number(total[0]));
        });

    /// <summary>
    /// Per-thread body: thread 0 claims a <see cref="RangeSum"/>, every thread sums a strided part
    /// into shared memory, thread 0 adds the parts and replies. Two barriers per message, reached by all.
    /// </summary>
    public static KernelDefinition<object?> WorkgroupSum(int workgroupSize) =>
        new KernelDefinition<object?>("workgroup-sum", new LaunchOptions(new Dim3(1), new Dim3(workgroupSize)) { InputRingCapacity = 64, OutputRingCapacity = 64, SharedMemoryBytes = 8 * workgroupSize })
            .WithCpuThread(SumBody);

    public static IEnumerable<WorkgroupBarrier> SumBody(ThreadContext thread, object? args)
    {
        RingKernelContext kernel = thread.RingKernel;
        while (true)
        {
            if (thread.ThreadIndex == 0)
                kernel.Receive();
            yield return thread.Barrier("claimed");
            if (!kernel.HasMessage)
                yield break;

            RangeSum request = kernel.Get<RangeSum>();
            long partial = 0;
            for (int i = thread.ThreadIndex; i < request.Count; i += thread.ThreadCount)
                partial += request.Start + i;
            thread.Shared<long>(0, thread.ThreadCount)[thread.ThreadIndex] = partial;
            yield return thread.Barrier("summed");

            if (thread.ThreadIndex == 0)
            {
                long total = 0;
                foreach (long part in thread.Shared<long>(0, thread.ThreadCount))
                    total += part;
                kernel.Reply(new Number(total));
                kernel.Complete();
            }
        }
    }

    /// <summary>A launched and activated kernel over fresh memory.</summary>
    public static async Task<RunningKernel> StartAsync<TArgs>(KernelDefinition<TArgs> definition, TArgs args)
    {
        var memory = RingKernelMemory.Allocate(new CpuBackend().MemorySpace, definition.Options, Types());
        var running = new RunningKernel(new CpuBackend().CreateRingKernel(definition, args, memory), memory);
        running.Kernel.Launch();
        await running.Kernel.ActivateAsync();
        return running;
    }

    /// <summary>Sends <paramref name="value"/> with <paramref name="correlationId"/>, waiting while the input ring is full.</summary>
    public static ValueTask SendAsync<T>(IRingKernel kernel, T value, ulong correlationId)
        where T : unmanaged =>
        kernel.Input.EnqueueAsync(value, new MessageHeader { CorrelationId = correlationId });

    /// <summary>Reads <paramref name="count"/> replies as (correlation id, value), in arrival order.</summary>
    public static async Task<List<(ulong CorrelationId, long Value)>> ReadRepliesAsync(IRingKernel kernel, int count)
    {
        var replies = new List<(ulong, long)>(count);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (replies.Count < count)
        {
            await kernel.Output.WaitToReadAsync(timeout.Token);
            while (replies.Count < count && kernel.Output.TryDequeue(out Number number, out MessageHeader header))
            {
                Assert.True((header.Flags & MessageFlags.Reply) != 0);
                replies.Add((header.CorrelationId, number.Value));
            }
        }

        return replies;
    }
}
