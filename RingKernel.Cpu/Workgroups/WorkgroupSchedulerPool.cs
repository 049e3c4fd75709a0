namespace RingKernel.Cpu.Workgroups;

/// <summary>
/// Keeps idle <see cref="WorkgroupScheduler"/>s, with their shared memory and thread contexts, for
/// the next dispatch; holds at most <c>capacity</c> of them.
/// </summary>
internal sealed class WorkgroupSchedulerPool(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Stack<WorkgroupScheduler> _idle = new();

    public WorkgroupScheduler Rent()
    {
        lock (_lock)
        {
            if (_idle.TryPop(out WorkgroupScheduler? scheduler))
                return scheduler;
        }

        return new WorkgroupScheduler();
    }

    public void Return(WorkgroupScheduler scheduler)
    {
        scheduler.ReleaseCoroutineState();
        lock (_lock)
        {
            if (_idle.Count < capacity)
                _idle.Push(scheduler);
        }
    }
}
