using RingKernel.Kernels;
using RingKernel.Samples.Cli;
using RingKernel.Samples.ClusterStencil;
using RingKernel.Stencils;

namespace RingKernel.Tests.Samples;

public class ClusterStencilOptionsTests
{
    [Fact]
    public void Defaults_fill_what_is_not_given()
    {
        ClusterStencilOptions options = ClusterStencilOptions.Parse([]);
        Assert.Null(options.Join);
        Assert.Equal((3, 400, 2, "heat-cluster.png"), (options.Nodes, options.Steps, options.Halo, options.Output));
        Assert.Equal(GridSize.Square(256), options.Grid.Size);
        Assert.Equal(new Dim3(4, 4), options.Grid.Tiles);
        Assert.Equal(("127.0.0.1", 0), (options.Host, options.Port));
    }

    [Fact]
    public void A_driving_run_reads_every_option_in_both_spellings()
    {
        string output = Path.Combine(Path.GetTempPath(), $"cluster-options-{Guid.NewGuid():N}.png");
        ClusterStencilOptions options = ClusterStencilOptions.Parse(
            ["--nodes", "2", "--size=64", "--tiles", "2x4", "--steps=10", "--halo", "3", "--output", output, "--host=10.0.0.1", "--port", "4053"]);
        Assert.Equal((2, 10, 3, output), (options.Nodes, options.Steps, options.Halo, options.Output));
        Assert.Equal(GridSize.Square(64), options.Grid.Size);
        Assert.Equal(new Dim3(2, 4), options.Grid.Tiles);
        Assert.Equal(("10.0.0.1", 4053), (options.Host, options.Port));
    }

    [Fact]
    public void A_joining_node_reads_its_seed_and_database()
    {
        ClusterStencilOptions options = ClusterStencilOptions.Parse(["--join", "akka.tcp://ringkernel@127.0.0.1:4053", "--db", "/tmp/c.db", "--port", "0"]);
        Assert.Equal(("akka.tcp://ringkernel@127.0.0.1:4053", "/tmp/c.db"), (options.Join, options.Database));
    }

    [Theory]
    [InlineData("--nodes 0", "--nodes '0': give a whole number from 1 to 16")]
    [InlineData("--nodes three", "--nodes 'three': give a whole number from 1 to 16")]
    [InlineData("--steps -5", "--steps '-5': give a whole number from 1 to 2147483647")]
    [InlineData("--halo", "--halo needs a value; see --help")]
    [InlineData("--steps 0", "--steps '0': give a whole number from 1 to 2147483647")]
    [InlineData("--port 70000", "--port '70000': give a whole number from 0 to 65535")]
    [InlineData("--tiles 4", "--tiles '4': give tiles per axis as WxH, each at least 1 (4x4, say)")]
    [InlineData("--tiles 0x2", "--tiles '0x2': give tiles per axis as WxH, each at least 1 (4x4, say)")]
    [InlineData("--colour red", "unknown option --colour; see --help")]
    [InlineData("--nodes 2 --nodes 3", "--nodes is given twice")]
    [InlineData("stray", "'stray' is not an option; see --help")]
    [InlineData("--db x.db", "--db has no meaning without --join")]
    [InlineData("--join akka.tcp://ringkernel@h:1 --nodes 2", "--nodes has no meaning with --join")]
    [InlineData("--join h:1", "--join 'h:1': give the driving node's address as it printed it, akka.tcp://ringkernel@HOST:PORT")]
    public void A_mistake_is_one_line_that_says_what_to_change(string commandLine, string message)
    {
        OptionException error = Assert.Throws<OptionException>(() => ClusterStencilOptions.Parse(commandLine.Split(' ')));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Tiles_that_do_not_divide_the_grid_and_halos_too_wide_are_refused()
    {
        OptionException tiles = Assert.Throws<OptionException>(() => ClusterStencilOptions.Parse(["--size", "10", "--tiles", "3x2"]));
        Assert.StartsWith("--tiles 3x2 --size 10: ", tiles.Message, StringComparison.Ordinal);
        OptionException halo = Assert.Throws<OptionException>(() => ClusterStencilOptions.Parse(["--size", "8", "--tiles", "4x4", "--halo", "3"]));
        Assert.StartsWith("--halo 3: ", halo.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_usage_names_every_option()
    {
        Assert.True(ClusterStencilOptions.WantsHelp(["--nodes", "2", "-h"]));
        foreach (string option in (string[])["--nodes", "--size", "--tiles", "--steps", "--halo", "--output", "--host", "--port", "--join", "--db"])
            Assert.Contains(option, ClusterStencilOptions.Usage, StringComparison.Ordinal);
    }
}
