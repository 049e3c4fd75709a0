using RingKernel.Kernels.Actors;

namespace RingKernel.Tests.KernelActors;

/// <summary>The gate that keeps a kernel's memory alive while threads outside its actor write to its rings.</summary>
public sealed class KernelRingGateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_close_waits_for_an_operation_that_entered_on_one_thread_and_exits_on_another()
    {
        using var gate = new KernelRingGate();
        RunOnNewThread(() => Assert.True(gate.TryEnter()));

        Task close = gate.CloseAsync();
        await Task.Delay(50);
        Assert.False(close.IsCompleted, "The close completed while an operation was inside.");

        RunOnNewThread(gate.Exit);
        await close.WaitAsync(Patience);
        Assert.True(gate.IsClosed);
        Assert.True(gate.Closing.IsCancellationRequested);
    }

    [Fact]
    public async Task After_the_close_no_thread_enters_and_a_refused_entry_leaves_nothing_inside()
    {
        using var gate = new KernelRingGate();
        RunOnNewThread(() =>
        {
            Assert.True(gate.TryEnter());
            gate.Exit();
        });
        await gate.CloseAsync().WaitAsync(Patience);

        for (int i = 0; i < 4; i++)
            RunOnNewThread(() => Assert.False(gate.TryEnter()));
        Assert.False(gate.TryEnter());

        // A second close finds nobody inside: the refused entries took themselves back out.
        await gate.CloseAsync().WaitAsync(Patience);
    }

    [Fact]
    public async Task No_thread_is_inside_once_the_close_completes_while_four_threads_enter_and_exit_without_pause()
    {
        const int threads = 4;
        for (int round = 0; round < 25; round++)
        {
            using var gate = new KernelRingGate();
            int released = 0;
            int violations = 0;
            long entries = 0;
            using var started = new CountdownEvent(threads);
            var workers = new Thread[threads];
            for (int t = 0; t < threads; t++)
            {
                workers[t] = new Thread(() =>
                {
                    started.Signal();
                    while (gate.TryEnter())
                    {
                        // Whatever the released memory would be, it must not be released while we are in here.
                        if (Volatile.Read(ref released) != 0)
                            Interlocked.Increment(ref violations);
                        Thread.SpinWait(20);
                        if (Volatile.Read(ref released) != 0)
                            Interlocked.Increment(ref violations);
                        Interlocked.Increment(ref entries);
                        gate.Exit();
                    }
                }) { IsBackground = true };
                workers[t].Start();
            }

            Assert.True(started.Wait(Patience));
            while (Interlocked.Read(ref entries) < 100)
                Thread.Yield();
            await gate.CloseAsync().WaitAsync(Patience);
            Volatile.Write(ref released, 1);
            foreach (Thread worker in workers)
                Assert.True(worker.Join(Patience), "A thread went on entering a closed gate.");
            Assert.Equal(0, violations);
        }
    }

    private static void RunOnNewThread(Action action)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception error)
            {
                failure = error;
            }
        });
        thread.Start();
        Assert.True(thread.Join(Patience));
        if (failure is not null)
            throw new InvalidOperationException("The action failed on its thread.", failure);
    }
}
