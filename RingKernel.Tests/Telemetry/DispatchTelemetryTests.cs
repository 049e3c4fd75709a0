using RingKernel.Cpu;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;
using RingKernel.Telemetry;
using static RingKernel.Tests.Telemetry.TelemetryKernels;

namespace RingKernel.Tests.Telemetry;

/// <summary>Every dispatch of a kernel's grid is timed once, under the kernel's name and its backend's.</summary>
public sealed class DispatchTelemetryTests
{
    [Fact]
    public async Task Each_dispatch_records_one_duration_with_its_kernel_and_backend()
    {
        string name = UniqueName("dispatch");
        using var recorder = new TelemetryRecorder(RingKernelTags.KernelName, name);
        int[] counts = new int[4];
        var definition = new KernelDefinition<int[]>(name, new LaunchOptions(new Dim3(4), new Dim3(1)))
            .WithCpuWorkgroup(static (workgroup, counts) => Interlocked.Increment(ref counts[workgroup.WorkgroupIndex]));
        var backend = new CpuBackend(2);

        backend.Dispatch(definition, counts);
        backend.Dispatch(definition, counts);
        await backend.DispatchAsync(definition, counts);

        Assert.Equal([3, 3, 3, 3], counts);
        IReadOnlyList<Recorded> dispatches = recorder.Recorded(RingKernelInstruments.KernelDispatchDuration);
        Assert.Equal(3, dispatches.Count);
        Assert.All(dispatches, d => Assert.Equal("cpu", d.Tags[RingKernelTags.Backend]));
    }
}
