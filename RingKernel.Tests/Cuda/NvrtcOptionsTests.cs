using RingKernel.Cuda.Compilation;

namespace RingKernel.Tests.Cuda;

/// <summary>The NVRTC command line targets the device's architecture and keeps floating point bit-exact.</summary>
public class NvrtcOptionsTests
{
    [Theory]
    [InlineData(7, 0, "--gpu-architecture=compute_70")]
    [InlineData(8, 0, "--gpu-architecture=compute_80")]
    [InlineData(8, 6, "--gpu-architecture=compute_86")]
    [InlineData(9, 0, "--gpu-architecture=compute_90")]
    public void Options_target_the_devices_virtual_architecture_without_contracting_multiply_adds(int major, int minor, string architecture)
    {
        IReadOnlyList<string> options = NvrtcOptions.Build(new ComputeCapability(major, minor));
        Assert.Equal(architecture, options[0]);
        Assert.Contains("--fmad=false", options);
        Assert.Contains("--prec-div=true", options);
        Assert.Contains("--ftz=false", options);
        Assert.DoesNotContain(options, option => option.Contains("fast", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("--generate-line-info", options);
    }

    [Fact]
    public void Devices_older_than_volta_are_refused_with_the_reason()
    {
        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => NvrtcOptions.Build(new ComputeCapability(6, 1)));
        Assert.Contains("compute capability 7.0 or newer", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("6.1", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defines_and_line_info_are_appended_in_order()
    {
        IReadOnlyList<string> options = NvrtcOptions.Build(new ComputeCapability(8, 0), lineInfo: true,
            [KeyValuePair.Create("TILE", "16"), KeyValuePair.Create("_HALO", "1")]);
        Assert.Equal(["--generate-line-info", "-DTILE=16", "-D_HALO=1"], options.Skip(options.Count - 3));
    }

    [Theory]
    [InlineData("1TILE")]
    [InlineData("TILE WIDTH")]
    [InlineData("")]
    public void A_macro_name_that_is_not_an_identifier_is_refused(string name) =>
        Assert.Throws<ArgumentException>(() => NvrtcOptions.Build(new ComputeCapability(8, 0), defines: [KeyValuePair.Create(name, "1")]));

    [Fact]
    public void Capabilities_order_by_major_then_minor()
    {
        Assert.True(new ComputeCapability(7, 5) < new ComputeCapability(8, 0));
        Assert.True(new ComputeCapability(8, 6) > new ComputeCapability(8, 0));
        Assert.True(new ComputeCapability(7, 0) >= ComputeCapability.Minimum);
        Assert.False(new ComputeCapability(6, 2) >= ComputeCapability.Minimum);
    }
}
