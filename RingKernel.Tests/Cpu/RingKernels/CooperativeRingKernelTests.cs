using RingKernel.Cpu;
using RingKernel.Cpu.Kernels;
using RingKernel.Cpu.RingKernels;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using static RingKernel.Tests.Cpu.RingKernels.RingTestKernels;

namespace RingKernel.Tests.Cpu.RingKernels;

/// <summary>
/// Resumable ring-kernel bodies (<see cref="CpuResumableBody{TArgs}"/>): run as coroutines on the CPU
/// backend's shared workers, a kernel that waits holds no thread and runs again when resumed; on a
/// dedicated thread the same body sleeps until resumed. Either way every message is processed once,
/// in order, and a terminate ends a waiting kernel with its message left in the ring.
/// </summary>
public class CooperativeRingKernelTests
{
    /// <summary>
    /// Kernel i passes round r only after kernel i-1 has (kernel 0 at once), recording the order of
    /// passing; it waits by returning false and is resumed by kernel i-1.
    /// </summary>
    private sealed class Chain(int length)
    {
        public readonly long[] Passed = new long[length];
        public readonly RingKernelContext?[] Kernels = new RingKernelContext?[length];
        public long Order;
    }

    private sealed record Link(int Index, Chain Chain);

    private static KernelDefinition<Link> ChainKernel() => new KernelDefinition<Link>("chain", Options())
        .WithCpuResumable(static (kernel, link) =>
        {
            long round = kernel.Get<Number>().Value;
            Chain chain = link.Chain;

            // Connect before looking, so a pass between the look and the return resumes this kernel.
            Volatile.Write(ref chain.Kernels[link.Index], kernel);
            if (link.Index > 0 && Volatile.Read(ref chain.Passed[link.Index - 1]) < round)
                return false;

            long position = Interlocked.Increment(ref chain.Order) - 1;
            Volatile.Write(ref chain.Passed[link.Index], round);
            if (link.Index + 1 < chain.Kernels.Length)
                Volatile.Read(ref chain.Kernels[link.Index + 1])?.Resume();
            kernel.Reply(new Number(position));
            return true;
        });

    public static TheoryData<string, int, int> Schedulings() => new()
    {
        { "cooperative", 1, 64 },
        { "cooperative", 2, 64 },
        { "dedicated", 2, 8 },
    };

    [Theory]
    [MemberData(nameof(Schedulings))]
    public async Task A_chain_of_waiting_kernels_passes_every_round_in_order_once(string scheduling, int workers, int length)
    {
        // The host sends each round to the last kernel first, so every kernel but the first must
        // wait for its predecessor: one worker running 64 kernels would deadlock if a wait held it.
        var backend = new CpuBackend(workers) { RingKernelScheduling = Scheduling(scheduling) };
        var chain = new Chain(length);
        var memories = new List<RingKernelMemory>();
        var kernels = new List<IRingKernel>();
        try
        {
            for (int i = 0; i < length; i++)
            {
                RingKernelMemory memory = RingKernelMemory.Allocate(backend.MemorySpace, Options(), Types());
                memories.Add(memory);
                IRingKernel kernel = backend.CreateRingKernel(ChainKernel(), new Link(i, chain), memory);
                kernels.Add(kernel);
                kernel.Launch();
                await kernel.ActivateAsync();
            }

            const int Rounds = 3;
            for (int round = 1; round <= Rounds; round++)
            {
                for (int i = length - 1; i >= 0; i--)
                    await SendAsync(kernels[i], new Number(round), (ulong)((round * 1000) + i));
            }

            // Each kernel answers its rounds in order, once each; kernel i passes a round after kernel i-1.
            var positions = new long[length][];
            for (int i = 0; i < length; i++)
            {
                List<(ulong CorrelationId, long Value)> replies = await ReadRepliesAsync(kernels[i], Rounds);
                Assert.Equal([.. Enumerable.Range(1, Rounds).Select(r => (ulong)((r * 1000) + i))], replies.Select(r => r.CorrelationId));
                positions[i] = [.. replies.Select(r => r.Value)];
                Assert.Equal(positions[i].Order(), positions[i]);
                if (i > 0)
                    Assert.All(Enumerable.Range(0, Rounds), r => Assert.True(positions[i][r] > positions[i - 1][r]));
                Assert.Equal(0, kernels[i].Output.Ring.Count);
            }

            Assert.Equal(Enumerable.Range(0, Rounds * length).Select(p => (long)p), positions.SelectMany(p => p).Order());
            Assert.Equal(Rounds * length, Volatile.Read(ref chain.Order));
        }
        finally
        {
            foreach (IRingKernel kernel in kernels)
                await kernel.DisposeAsync();
            foreach (RingKernelMemory memory in memories)
                memory.Dispose();
        }
    }

    [Theory]
    [InlineData("cooperative")]
    [InlineData("dedicated")]
    public async Task A_terminated_kernel_that_waits_leaves_its_message_for_the_next_launch(string scheduling)
    {
        var backend = new CpuBackend(1) { RingKernelScheduling = Scheduling(scheduling) };
        using RingKernelMemory memory = RingKernelMemory.Allocate(backend.MemorySpace, Options(), Types());
        var called = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = new KernelDefinition<TaskCompletionSource>("waits-forever", Options())
            .WithCpuResumable(static (_, called) =>
            {
                called.TrySetResult();
                return false;
            });
        IRingKernel first = backend.CreateRingKernel(waiting, called, memory);
        first.Launch();
        await first.ActivateAsync();
        await SendAsync(first, new Number(42), 7);
        await called.Task.WaitAsync(TimeSpan.FromSeconds(20));

        await first.TerminateAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(RingKernelState.Terminated, first.State);
        Assert.Equal(1, memory.Input.Ring.Count);
        Assert.Equal(0UL, memory.ControlBlock.MessagesProcessed);

        // The next instance over the same memory finds the message and answers it.
        var echo = new KernelDefinition<object?>("resumable-echo", Options())
            .WithCpuResumable(static (kernel, _) =>
            {
                kernel.Reply(kernel.Get<Number>());
                return true;
            });
        await using IRingKernel second = backend.CreateRingKernel(echo, null, memory);
        second.Launch();
        await second.ActivateAsync();
        Assert.Equal([(7UL, 42L)], await ReadRepliesAsync(second, 1));
    }

    [Fact]
    public async Task A_cooperative_kernel_follows_deactivate_and_activate_and_loses_nothing()
    {
        var backend = new CpuBackend(1);
        using RingKernelMemory memory = RingKernelMemory.Allocate(backend.MemorySpace, Options(), Types());
        var adder = new KernelDefinition<long[]>("resumable-adder", Options())
            .WithCpuResumable(static (kernel, total) =>
            {
                total[0] += kernel.Get<Number>().Value;
                kernel.Reply(new Number(total[0]));
                return true;
            });
        await using IRingKernel kernel = backend.CreateRingKernel(adder, new long[1], memory);
        kernel.Launch();
        await kernel.ActivateAsync();
        await SendAsync(kernel, new Number(1), 1);
        Assert.Equal([(1UL, 1L)], await ReadRepliesAsync(kernel, 1));

        // Inactive, it leaves messages in its ring; activated again, it takes them in order.
        await kernel.DeactivateAsync();
        Assert.Equal(RingKernelState.Inactive, kernel.State);
        for (int i = 2; i <= 4; i++)
            await SendAsync(kernel, new Number(i), (ulong)i);
        Assert.Equal(3, memory.Input.Ring.Count);
        Assert.Equal(0, kernel.Output.Ring.Count);

        await kernel.ActivateAsync();
        Assert.Equal([(2UL, 3L), (3UL, 6L), (4UL, 10L)], await ReadRepliesAsync(kernel, 3));
        await kernel.TerminateAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(RingKernelState.Terminated, kernel.State);
        Assert.Equal(4UL, memory.ControlBlock.MessagesProcessed);
        Assert.Equal(0, memory.Input.Ring.Count);
    }

    [Fact]
    public async Task A_resumable_body_that_throws_faults_its_kernel_with_the_message_unprocessed()
    {
        var backend = new CpuBackend(1);
        using RingKernelMemory memory = RingKernelMemory.Allocate(backend.MemorySpace, Options(), Types());
        var poisoned = new KernelDefinition<object?>("resumable-poisoned", Options())
            .WithCpuResumable(static (kernel, _) =>
            {
                Number number = kernel.Get<Number>();
                if (number.Value == Poison)
                    throw new InvalidOperationException("poison message");
                kernel.Reply(number);
                return true;
            });
        IRingKernel kernel = backend.CreateRingKernel(poisoned, null, memory);
        kernel.Launch();
        await kernel.ActivateAsync();
        await SendAsync(kernel, new Number(1), 1);
        await SendAsync(kernel, new Number(Poison), 2);
        await SendAsync(kernel, new Number(3), 3);

        var fault = await Assert.ThrowsAsync<KernelFaultedException>(() => kernel.Completion.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("poison message", fault.ToString(), StringComparison.Ordinal);
        Assert.Equal(RingKernelState.Faulted, kernel.State);
        Assert.True(kernel.FaultedOnMessage);
        Assert.Equal([(1UL, 1L)], await ReadRepliesAsync(kernel, 1));
        Assert.Equal(2, memory.Input.Ring.Count);
        Assert.Equal(1UL, memory.ControlBlock.MessagesProcessed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Kernels_that_park_between_every_message_get_each_one_once_in_order(int workers)
    {
        // One message in flight per kernel: each is sent while its kernel is parking, the window its
        // worker's batched barrier must cover; a lost wake-up stalls a kernel and fails the read.
        const int Kernels = 16, Rounds = 300;
        var backend = new CpuBackend(workers);
        var memories = new List<RingKernelMemory>();
        var kernels = new List<IRingKernel>();
        var adder = new KernelDefinition<long[]>("resumable-adder", Options())
            .WithCpuResumable(static (kernel, total) =>
            {
                total[0] += kernel.Get<Number>().Value;
                kernel.Reply(new Number(total[0]));
                return true;
            });
        try
        {
            for (int i = 0; i < Kernels; i++)
            {
                RingKernelMemory memory = RingKernelMemory.Allocate(backend.MemorySpace, Options(), Types());
                memories.Add(memory);
                IRingKernel kernel = backend.CreateRingKernel(adder, new long[1], memory);
                kernels.Add(kernel);
                kernel.Launch();
                await kernel.ActivateAsync();
            }

            for (int round = 1; round <= Rounds; round++)
            {
                for (int i = 0; i < Kernels; i++)
                    await SendAsync(kernels[i], new Number(i + 1), (ulong)round);
                for (int i = 0; i < Kernels; i++)
                    Assert.Equal([((ulong)round, (long)round * (i + 1))], await ReadRepliesAsync(kernels[i], 1));
            }

            Assert.All(memories, m => Assert.Equal((ulong)Rounds, m.ControlBlock.MessagesProcessed));
        }
        finally
        {
            foreach (IRingKernel kernel in kernels)
                await kernel.DisposeAsync();
            foreach (RingKernelMemory memory in memories)
                memory.Dispose();
        }
    }

    private static CpuRingKernelScheduling Scheduling(string name) =>
        name == "cooperative" ? CpuRingKernelScheduling.Cooperative : CpuRingKernelScheduling.DedicatedThreads;
}
