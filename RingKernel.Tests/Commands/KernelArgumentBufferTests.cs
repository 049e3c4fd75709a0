using RingKernel.Commands;
using RingKernel.Cpu;
using RingKernel.Cpu.Commands;
using RingKernel.Cpu.Kernels;
using RingKernel.Dispatch;
using RingKernel.Kernels;
using RingKernel.Memory;

namespace RingKernel.Tests.Commands;

/// <summary>Dispatch arguments packed into one reused buffer of 8-byte slots, checked against the kernel's signature.</summary>
public sealed class KernelArgumentBufferTests : IDisposable
{
    private const int Workgroups = 4;
    private const int WorkgroupSize = 32;
    private const int Elements = Workgroups * WorkgroupSize;

    private static readonly KernelSignature ScaleSignature = new(
        new KernelParameter("input", KernelParameterKind.Buffer),
        new KernelParameter("output", KernelParameterKind.Buffer),
        new KernelParameter("factor", KernelParameterKind.I32),
        new KernelParameter("offset", KernelParameterKind.F64));

    private readonly DeviceBuffer _input = HostMemorySpace.Instance.Allocate(Elements * sizeof(int));
    private readonly DeviceBuffer _output = HostMemorySpace.Instance.Allocate(Elements * sizeof(long));
    private readonly KernelDefinition<KernelArguments> _scale = new KernelDefinition<KernelArguments>("scale", new LaunchOptions(Workgroups, WorkgroupSize)) { Signature = ScaleSignature }
        .WithCpuWorkgroup(Scale);

    public KernelArgumentBufferTests()
    {
        Span<int> input = _input.AsSpan<int>(0, Elements);
        for (int i = 0; i < Elements; i++)
            input[i] = i - 40;
    }

    [Fact]
    public void Arguments_are_packed_into_8_byte_slots_in_declaration_order()
    {
        using var arguments = new KernelArgumentBuffer(_scale);

        arguments.Pack(_input, _output, -7, 2.5);

        Span<ulong> slots = arguments.Memory.AsSpan<ulong>(0, 4);
        Assert.Equal([_input.DeviceAddress, _output.DeviceAddress, unchecked((uint)-7), BitConverter.DoubleToUInt64Bits(2.5)], slots.ToArray());
        Assert.Equal(4 * KernelArgumentBuffer.SlotBytes, arguments.Memory.Length);
        Assert.True(arguments.IsComplete);
    }

    [Fact]
    public void A_wrong_argument_count_is_refused_naming_the_kernel_and_both_counts()
    {
        using var arguments = new KernelArgumentBuffer(_scale);

        var tooFew = Assert.Throws<KernelArgumentException>(() => arguments.Pack(_input, _output, 3));
        var tooMany = Assert.Throws<KernelArgumentException>(() => arguments.Pack(_input, _output, 3, 1.0, 9));

        Assert.Equal(("scale", 4, (int?)3), (tooFew.KernelName, tooFew.DeclaredCount, tooFew.GivenCount));
        Assert.Equal(5, tooMany.GivenCount);
        Assert.Contains("Kernel 'scale' declares 4 argument(s)", tooFew.Message, StringComparison.Ordinal);
        Assert.Contains("3 were given", tooFew.Message, StringComparison.Ordinal);
        Assert.False(arguments.IsComplete);
    }

    [Fact]
    public void Wrong_kinds_unset_arguments_and_other_kernels_signatures_are_refused()
    {
        using var arguments = new KernelArgumentBuffer(_scale);
        var other = new KernelDefinition<KernelArguments>("other", new LaunchOptions(1, 1)) { Signature = new KernelSignature(new KernelParameter("input", KernelParameterKind.Buffer)) }
            .WithCpuWorkgroup((_, _) => { });
        var unsigned = new KernelDefinition<KernelArguments>("unsigned", new LaunchOptions(1, 1)).WithCpuWorkgroup((_, _) => { });

        Assert.Throws<KernelArgumentException>(() => arguments.Pack(_input, _output, 3.0f, 1.0));
        Assert.Throws<KernelArgumentException>(() => arguments.Patch(0, 5));
        Assert.Throws<KernelArgumentException>(() => arguments.Patch(4, 5));
        arguments.Patch(2, 5);
        var unset = Assert.Throws<KernelArgumentException>(() => arguments.Bind(_scale));
        Assert.Contains("#0 'input'", unset.Message, StringComparison.Ordinal);

        arguments.Pack(_input, _output, 3, 1.0);
        var mismatch = Assert.Throws<KernelArgumentException>(() => arguments.Bind(other));
        Assert.Equal(("other", 1, (int?)4), (mismatch.KernelName, mismatch.DeclaredCount, mismatch.GivenCount));
        Assert.Throws<KernelArgumentException>(() => new KernelArgumentBuffer(unsigned));
        Assert.Throws<KernelArgumentException>(() => new CommandList().Exec(other, arguments));
    }

    [Fact]
    public void A_kernel_reading_an_argument_as_the_wrong_kind_fails_naming_it()
    {
        using var arguments = new KernelArgumentBuffer(_scale);
        arguments.Pack(_input, _output, 3, 1.0);
        var misread = new KernelDefinition<KernelArguments>("misread", new LaunchOptions(1, 1)) { Signature = ScaleSignature }
            .WithCpuWorkgroup((_, args) => args.F32(2));

        var error = Assert.Throws<KernelExecutionException>(() => new CpuBackend(1).Dispatch(misread, arguments.Bind(misread)));

        var inner = Assert.IsType<KernelArgumentException>(error.InnerException);
        Assert.Contains("argument #2 as F32, but it is declared factor: I32", inner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_dispatch_sees_the_argument_patched_before_it()
    {
        var backend = new CpuBackend(workerCount: 2);
        using var arguments = new KernelArgumentBuffer(_scale);
        arguments.Pack(_input, _output, 0, 0.5);

        for (int factor = -3; factor <= 3; factor++)
        {
            arguments.Patch(2, factor);
            backend.Dispatch(_scale, arguments.Bind(_scale));
            Assert.Equal(Expected(factor, 0.5), _output.AsSpan<long>(0, Elements).ToArray());
        }
    }

    [Fact]
    public void Queued_dispatches_each_apply_their_own_patch_when_they_run()
    {
        var backend = new CpuBackend(workerCount: 2);
        using var arguments = new KernelArgumentBuffer(_scale);
        using DeviceBuffer snapshots = HostMemorySpace.Instance.Allocate(3L * Elements * sizeof(long));
        arguments.Pack(_input, _output, 1, 0.0);
        using var queue = new CpuCommandQueue(backend, QueueKind.Compute, "patched");
        var commands = new CommandList();
        for (int i = 0; i < 3; i++)
        {
            commands.Exec(_scale, arguments, 3, KernelArgument.FromFloat64(i + 0.25))
                .Copy(_output, 0, snapshots, (long)i * Elements * sizeof(long), Elements * sizeof(long));
        }

        Assert.True(queue.Submit(commands).Wait(TimeSpan.FromSeconds(10)));

        for (int i = 0; i < 3; i++)
            Assert.Equal(Expected(1, i + 0.25), snapshots.AsSpan<long>((long)i * Elements * sizeof(long), Elements).ToArray());
    }

    [Fact]
    public void After_warm_up_a_dispatch_with_a_patched_argument_allocates_nothing()
    {
        // One worker: the grid runs on the calling thread, so the thread's allocation counter sees all of it.
        var backend = new CpuBackend(workerCount: 1);
        using var arguments = new KernelArgumentBuffer(_scale);
        arguments.Pack(_input, _output, 0, 0.0);
        Span<long> output = _output.AsSpan<long>(0, Elements);
        for (int warm = 0; warm < 3; warm++)
        {
            arguments.Patch(2, warm);
            backend.Dispatch(_scale, arguments.Bind(_scale));
        }

        int wrong = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int factor = 0; factor < 1000; factor++)
        {
            arguments.Patch(2, factor);
            backend.Dispatch(_scale, arguments.Bind(_scale));
            if (output[Elements - 1] != ((long)(Elements - 1 - 40) * factor))
                wrong++;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, wrong);
        Assert.Equal(0, allocated);
    }

    public void Dispose()
    {
        _input.Dispose();
        _output.Dispose();
    }

    private static long[] Expected(int factor, double offset)
    {
        long[] expected = new long[Elements];
        for (int i = 0; i < Elements; i++)
            expected[i] = ((long)(i - 40) * factor) + (long)Math.Floor(offset * i);
        return expected;
    }

    /// <summary>output[i] = input[i] * factor + floor(offset * i), every value read through the packed slots.</summary>
    private static void Scale(WorkgroupContext workgroup, KernelArguments args)
    {
        Span<int> input = args.Buffer<int>(0);
        Span<long> output = args.Buffer<long>(1);
        int factor = args.I32(2);
        double offset = args.F64(3);
        int first = workgroup.WorkgroupIndex * workgroup.ThreadCount;
        for (int i = first; i < first + workgroup.ThreadCount; i++)
            output[i] = ((long)input[i] * factor) + (long)Math.Floor(offset * i);
    }
}
