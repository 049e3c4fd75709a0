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
    public void With_options_keeps_the_name_and_takes_the_new_options()
    {
        var kernel = new KernelDefinition<int>("k", new LaunchOptions(1, 32));
        var bigger = new LaunchOptions(8, 64) { SharedMemoryBytes = 512 };

        KernelDefinition<int> resized = kernel.WithOptions(bigger);

        Assert.Equal("k", resized.Name);
        Assert.Same(bigger, resized.Options);
        Assert.Equal("kernel 'k' (grid (8, 1, 1) x workgroup (64, 1, 1), 512 B shared)", resized.ToString());
    }

    [Fact]
    public void With_body_adds_a_body_and_replaces_one_of_the_same_type()
    {
        var kernel = new KernelDefinition<int>("k", new LaunchOptions(1, 32)) { Signature = new KernelSignature(new KernelParameter("n", KernelParameterKind.U32)) };
        var first = new NamedBody("first");
        var other = new OtherBody();
        var second = new NamedBody("second");

        KernelDefinition<int> withFirst = kernel.WithBody(first);
        KernelDefinition<int> withBoth = withFirst.WithBody(other);
        KernelDefinition<int> replaced = withBoth.WithBody(second);

        Assert.Empty(kernel.Bodies);
        Assert.Equal<IKernelBody>([first], withFirst.Bodies);
        Assert.Equal<IKernelBody>([first, other], withBoth.Bodies);
        Assert.Equal<IKernelBody>([second, other], replaced.Bodies);
        Assert.Same(kernel.Signature, replaced.Signature);
        Assert.Equal("k", replaced.Name);
        Assert.True(replaced.TryGetBody(out NamedBody? named));
        Assert.Same(second, named);
        Assert.True(replaced.TryGetBody(out OtherBody? found));
        Assert.Same(other, found);
        Assert.False(withFirst.TryGetBody(out OtherBody? missing));
        Assert.Null(missing);
        Assert.Throws<ArgumentNullException>(() => kernel.WithBody(null!));
    }

    [Fact]
    public void With_options_keeps_the_bodies_backends_supplied()
    {
        var body = new NamedBody("b");
        KernelDefinition<int> kernel = new KernelDefinition<int>("k", new LaunchOptions(1, 32)).WithBody(body);

        KernelDefinition<int> resized = kernel.WithOptions(new LaunchOptions(4, 32));

        Assert.Equal<IKernelBody>([body], resized.Bodies);
        Assert.Equal(4, resized.Options.WorkgroupCount);
    }

    private sealed record NamedBody(string Name) : IKernelBody;

    private sealed class OtherBody : IKernelBody;
}
