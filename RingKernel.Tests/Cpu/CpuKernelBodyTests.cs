using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;

namespace RingKernel.Tests.Cpu;

public class CpuKernelBodyTests
{
    [Fact]
    public void Cpu_bodies_attached_one_by_one_share_one_cpu_body_next_to_other_backends_bodies()
    {
        CpuThreadBody<int> threadBody = (thread, _) => [];
        CpuWorkgroupBody<int> workgroupBody = (_, _) => { };
        CpuThreadBody<int> laterThreadBody = (thread, _) => [];
        var other = new OtherBackendBody();

        KernelDefinition<int> kernel = new KernelDefinition<int>("k", new LaunchOptions(1, 32))
            .WithCpuThread(threadBody)
            .WithBody(other)
            .WithCpuWorkgroup(workgroupBody);
        KernelDefinition<int> replaced = kernel.WithCpuThread(laterThreadBody).WithOptions(new LaunchOptions(8, 64));

        Assert.Equal(2, kernel.Bodies.Count);
        Assert.True(kernel.TryGetBody(out CpuKernelBody<int>? cpu));
        Assert.Same(threadBody, cpu.Thread);
        Assert.Same(workgroupBody, cpu.Workgroup);
        Assert.Null(cpu.Coroutine);
        Assert.Null(cpu.Message);
        Assert.Null(cpu.Resumable);
        Assert.True(replaced.TryGetBody(out CpuKernelBody<int>? later));
        Assert.Same(laterThreadBody, later.Thread);
        Assert.Same(workgroupBody, later.Workgroup);
        Assert.True(replaced.TryGetBody(out OtherBackendBody? kept));
        Assert.Same(other, kept);
        Assert.Throws<ArgumentNullException>(() => kernel.WithCpuMessage(null!));
    }

    [Fact]
    public void Barrier_tokens_carry_their_names_for_diagnostics()
    {
        Assert.Equal("an unnamed barrier", default(WorkgroupBarrier).ToString());
        Assert.Null(default(WorkgroupBarrier).Name);
    }

    private sealed class OtherBackendBody : IKernelBody;
}
