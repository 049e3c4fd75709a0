using RingKernel.Cpu;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;

namespace RingKernel.Tests.Cpu;

/// <summary>An exception in a kernel body reaches the dispatcher as it was, with the kernel, workgroup and thread named.</summary>
public class KernelFaultTests
{
    [Fact]
    public void An_exception_in_a_thread_body_names_kernel_workgroup_thread_and_barriers()
    {
        var kernel = new KernelDefinition<int>("faulty", new LaunchOptions(new Dim3(4, 2), new Dim3(8, 2)))
            .WithCpuThread((thread, _) => ThrowAt(thread, new Index3(1, 1, 0), new Index3(5, 1, 0)));

        var error = Assert.Throws<KernelExecutionException>(() => new CpuBackend(workerCount: 1).Dispatch(kernel, 0));

        Assert.Equal("faulty", error.KernelName);
        Assert.Equal(new Index3(1, 1, 0), error.WorkgroupId);
        Assert.Equal(new Index3(5, 1, 0), error.ThreadId);
        Assert.Equal(2, error.BarriersPassed);
        var inner = Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal("bad cell", inner.Message);
        Assert.Equal(
            "Kernel 'faulty' failed in workgroup (1, 1, 0), thread (5, 1, 0) after 2 barrier(s): InvalidOperationException: bad cell",
            error.Message);
    }

    [Fact]
    public async Task Faults_in_many_workgroups_on_many_workers_surface_as_one_exception_not_an_aggregate()
    {
        var kernel = new KernelDefinition<int>("all-fail", new LaunchOptions(64, 32))
            .WithCpuThread((thread, _) => ThrowAt(thread, thread.WorkgroupId, new Index3(3, 0, 0)));

        var error = await Assert.ThrowsAsync<KernelExecutionException>(() => new CpuBackend(workerCount: 4).DispatchAsync(kernel, 0));

        Assert.Equal(new Index3(3, 0, 0), error.ThreadId);
        Assert.InRange(error.WorkgroupId.X, 0, 63);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public void A_body_that_throws_before_its_first_step_is_named_too()
    {
        var kernel = new KernelDefinition<int>("eager", new LaunchOptions(2, 16))
            .WithCpuThread((thread, _) => thread.ThreadIndex == 9 ? throw new ArgumentException("no coroutine for you") : Idle(thread));

        var error = Assert.Throws<KernelExecutionException>(() => new CpuBackend(workerCount: 1).Dispatch(kernel, 0));

        Assert.Equal(new Index3(9, 0, 0), error.ThreadId);
        Assert.Equal(new Index3(0, 0, 0), error.WorkgroupId);
        Assert.Equal(0, error.BarriersPassed);
        Assert.IsType<ArgumentException>(error.InnerException);
    }

    [Fact]
    public void An_exception_in_a_workgroup_body_names_the_workgroup()
    {
        var kernel = new KernelDefinition<int>("wide-fault", new LaunchOptions(new Dim3(3, 3), 32))
            .WithCpuWorkgroup((workgroup, _) =>
            {
                if (workgroup.WorkgroupId == new Index3(2, 1, 0))
                    throw new DivideByZeroException();
            });

        var error = Assert.Throws<KernelExecutionException>(() => new CpuBackend().Dispatch(kernel, 0));

        Assert.Equal(new Index3(2, 1, 0), error.WorkgroupId);
        Assert.Null(error.ThreadId);
        Assert.IsType<DivideByZeroException>(error.InnerException);
        Assert.Contains("workgroup-level body", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fault_stops_the_workgroups_not_yet_started_and_the_backend_stays_usable()
    {
        int[] started = new int[1];
        var backend = new CpuBackend(workerCount: 1);
        var failing = new KernelDefinition<int[]>("stop-early", new LaunchOptions(100, 8))
            .WithCpuThread((thread, count) => CountThenFail(thread, count, failIn: 3));
        var healthy = new KernelDefinition<int[]>("healthy", new LaunchOptions(100, 8))
            .WithCpuThread((thread, count) => CountThenFail(thread, count, failIn: -1));

        Assert.Throws<KernelExecutionException>(() => backend.Dispatch(failing, started));
        Assert.Equal(4 * 8, started[0]);

        started[0] = 0;
        backend.Dispatch(healthy, started);
        Assert.Equal(100 * 8, started[0]);
    }

    private static IEnumerable<WorkgroupBarrier> ThrowAt(ThreadContext thread, Index3 workgroup, Index3 threadId)
    {
        yield return thread.Barrier("one");
        yield return thread.Barrier("two");
        if (thread.WorkgroupId == workgroup && thread.ThreadId == threadId)
            throw new InvalidOperationException("bad cell");
        yield return thread.Barrier("three");
    }

    private static IEnumerable<WorkgroupBarrier> Idle(ThreadContext thread)
    {
        yield return thread.Barrier();
    }

    private static IEnumerable<WorkgroupBarrier> CountThenFail(ThreadContext thread, int[] started, int failIn)
    {
        KernelAtomics.Add(ref started[0], 1);
        yield return thread.Barrier();
        if (thread.WorkgroupIndex == failIn && thread.ThreadIndex == 0)
            throw new InvalidOperationException("stop");
    }
}
