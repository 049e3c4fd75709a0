using System.Runtime.ExceptionServices;
using RingKernel.Cpu.Kernels;
using RingKernel.Cpu.Workgroups;
using RingKernel.Kernels;

namespace RingKernel.Cpu.Dispatch;

/// <summary>
/// One one-shot dispatch in flight: workers, each with a pooled <see cref="WorkgroupScheduler"/>,
/// claim chunks of workgroups from a shared counter until the grid is done. The first fault stops
/// further claims and is rethrown as it was (never wrapped in an AggregateException).
/// </summary>
internal sealed class GridDispatch<TArgs>
{
    /// <summary>Chunks per worker: small enough to balance uneven workgroups, large enough to keep the counter cold.</summary>
    private const int ChunksPerWorker = 8;

    private readonly KernelDefinition<TArgs> _kernel;
    private readonly CpuKernelBody<TArgs> _body;
    private readonly TArgs _args;
    private readonly WorkgroupSchedulerPool _pool;
    private readonly CancellationToken _cancellationToken;
    private readonly int _workgroupCount;
    private readonly int _chunk;
    private long _nextWorkgroup;
    private Exception? _fault;
    private volatile bool _stop;
    private volatile bool _cancelled;

    private GridDispatch(KernelDefinition<TArgs> kernel, CpuKernelBody<TArgs> body, TArgs args, WorkgroupSchedulerPool pool, int workers, CancellationToken cancellationToken)
    {
        _kernel = kernel;
        _body = body;
        _args = args;
        _pool = pool;
        _cancellationToken = cancellationToken;
        _workgroupCount = kernel.Options.WorkgroupCount;
        _chunk = Math.Max(1, _workgroupCount / (workers * ChunksPerWorker));
    }

    /// <summary>Runs every workgroup of the grid with <paramref name="body"/> on up to <paramref name="workerCount"/> threads, the caller's among them.</summary>
    public static void Run(KernelDefinition<TArgs> kernel, CpuKernelBody<TArgs> body, TArgs args, WorkgroupSchedulerPool pool, int workerCount, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int workers = Math.Min(workerCount, kernel.Options.WorkgroupCount);
        if (workers == 1)
        {
            RunOnCaller(kernel, body, args, pool, cancellationToken);
            return;
        }

        var dispatch = new GridDispatch<TArgs>(kernel, body, args, pool, workers, cancellationToken);
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, dispatch.RunWorker);

        if (dispatch._fault is { } fault)
            ExceptionDispatchInfo.Throw(fault);
        if (dispatch._cancelled)
            throw new OperationCanceledException($"The dispatch of kernel '{kernel.Name}' was cancelled before every workgroup ran.", cancellationToken);
    }

    /// <summary>
    /// The one-worker dispatch: every workgroup in order on the calling thread, with no dispatch
    /// object, so a workgroup-level body is dispatched without allocating.
    /// </summary>
    private static void RunOnCaller(KernelDefinition<TArgs> kernel, CpuKernelBody<TArgs> body, TArgs args, WorkgroupSchedulerPool pool, CancellationToken cancellationToken)
    {
        WorkgroupScheduler scheduler = pool.Rent();
        try
        {
            scheduler.Bind(kernel);
            int count = kernel.Options.WorkgroupCount;
            for (int workgroup = 0; workgroup < count; workgroup++)
            {
                if (cancellationToken.IsCancellationRequested)
                    throw new OperationCanceledException($"The dispatch of kernel '{kernel.Name}' was cancelled before every workgroup ran.", cancellationToken);
                scheduler.Run(kernel, body, args, workgroup);
            }
        }
        finally
        {
            pool.Return(scheduler);
        }
    }

    private void RunWorker(int worker)
    {
        WorkgroupScheduler scheduler = _pool.Rent();
        try
        {
            scheduler.Bind(_kernel);
            while (!_stop)
            {
                long start = Interlocked.Add(ref _nextWorkgroup, _chunk) - _chunk;
                if (start >= _workgroupCount)
                    return;
                int end = (int)Math.Min(start + _chunk, _workgroupCount);
                for (int workgroup = (int)start; workgroup < end; workgroup++)
                {
                    if (_stop)
                        return;
                    if (_cancellationToken.IsCancellationRequested)
                    {
                        _cancelled = true;
                        _stop = true;
                        return;
                    }

                    scheduler.Run(_kernel, _body, _args, workgroup);
                }
            }
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref _fault, ex, null);
            _stop = true;
        }
        finally
        {
            _pool.Return(scheduler);
        }
    }
}
