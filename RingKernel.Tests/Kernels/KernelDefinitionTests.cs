using RingKernel.Kernels;

namespace RingKernel.Tests.Kernels;

public class KernelDefinitionTests
{
    [Fact]
    public void A_kernel_needs_a_name_and_options()
    {
        Assert.Throws<ArgumentException>(() => new KernelDefinition<int>(" ", new LaunchOptions(1, 1)));
        Assert.Throws<ArgumentNullException>(() => new KernelDefinition<int>(null!, new LaunchOptions(1, 1)));
        Assert.Throws<ArgumentNullException>(() => new KernelDefinition<int>("k", null!));
    }

    [Fact]
    public void With_options_keeps_name_and_bodies()
    {
        CpuThreadBody<int> threadBody = (thread, _) => [];
        CpuWorkgroupBody<int> workgroupBody = (_, _) => { };
        var kernel = new KernelDefinition<int>("k", new LaunchOptions(1, 32)) { CpuThreadBody = threadBody, CpuWorkgroupBody = workgroupBody };
        var bigger = new LaunchOptions(8, 64) { SharedMemoryBytes = 512 };

        KernelDefinition<int> resized = kernel.WithOptions(bigger);

        Assert.Equal("k", resized.Name);
        Assert.Same(bigger, resized.Options);
        Assert.Same(threadBody, resized.CpuThreadBody);
        Assert.Same(workgroupBody, resized.CpuWorkgroupBody);
        Assert.Equal("kernel 'k' (grid (8, 1, 1) x workgroup (64, 1, 1), 512 B shared)", resized.ToString());
    }

    [Fact]
    public void Bodies_are_found_by_type_replaced_by_type_and_kept_by_with_options()
    {
        var first = new NamedBody("first");
        var second = new NamedBody("second");
        var other = new OtherBody();
        var kernel = new KernelDefinition<int>("k", new LaunchOptions(1, 32));

        KernelDefinition<int> withBodies = kernel.WithBody(first).WithBody(other).WithBody(second);
        KernelDefinition<int> resized = withBodies.WithOptions(new LaunchOptions(4, 32));

        Assert.Empty(kernel.Bodies);
        Assert.False(kernel.TryGetBody(out NamedBody? none));
        Assert.Null(none);
        Assert.Equal([other, second], withBodies.Bodies);
        Assert.True(resized.TryGetBody(out NamedBody? found));
        Assert.Same(second, found);
        Assert.True(resized.TryGetBody(out OtherBody? otherFound));
        Assert.Same(other, otherFound);
        Assert.Equal(withBodies.Bodies, resized.Bodies);
        Assert.Throws<ArgumentNullException>(() => kernel.WithBody(null!));
    }

    private sealed record NamedBody(string Name) : IKernelBody;

    private sealed class OtherBody : IKernelBody;

    [Fact]
    public void Barrier_tokens_carry_their_names_for_diagnostics()
    {
        Assert.Equal("an unnamed barrier", default(WorkgroupBarrier).ToString());
        Assert.Null(default(WorkgroupBarrier).Name);
    }
}
