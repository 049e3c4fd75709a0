using RingKernel.Kernels;

namespace RingKernel.Tests.Kernels;

/// <summary>Launch options are checked where they are written, with messages that say what is allowed.</summary>
public class LaunchOptionsTests
{
    [Fact]
    public void Valid_options_report_their_extents_and_counts()
    {
        var options = new LaunchOptions(new Dim3(4, 3, 2), new Dim3(8, 4, 2))
        {
            SharedMemoryBytes = 4096,
            InputRingCapacity = 1024,
            OutputRingCapacity = 256,
            MessageSlotBytes = 128,
        };

        Assert.Equal(new Dim3(32, 12, 4), options.GlobalSize);
        Assert.Equal(24, options.WorkgroupCount);
        Assert.Equal(64, options.ThreadsPerWorkgroup);
        Assert.Equal(24 * 64, options.TotalThreads);
        Assert.True(options.HasRings);
        Assert.Equal(
            "grid (4, 3, 2) x workgroup (8, 4, 2), 4096 B shared, rings in 1024 / out 256 x 128 B",
            options.ToString());
    }

    [Fact]
    public void Defaults_are_no_shared_memory_no_rings_and_256_byte_slots()
    {
        var options = new LaunchOptions(grid: 2, workgroup: 64);

        Assert.Equal(0, options.SharedMemoryBytes);
        Assert.False(options.HasRings);
        Assert.Equal(256, options.MessageSlotBytes);
    }

    [Fact]
    public void Zero_or_default_sizes_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dim3(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dim3(4, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dim3(4, 1, 0));
        var grid = Assert.Throws<ArgumentException>(() => new LaunchOptions(default, 64));
        Assert.Equal("grid", grid.ParamName);
        Assert.Contains("default(Dim3)", grid.Message, StringComparison.Ordinal);
        Assert.Equal("workgroup", Assert.Throws<ArgumentException>(() => new LaunchOptions(1, default)).ParamName);
    }

    [Fact]
    public void A_workgroup_of_more_than_1024_threads_or_a_deep_z_is_rejected()
    {
        Assert.Equal(1024, new LaunchOptions(1, new Dim3(32, 32)).ThreadsPerWorkgroup);

        var tooMany = Assert.Throws<ArgumentException>(() => new LaunchOptions(1, new Dim3(33, 32)));
        Assert.Contains("1056 threads; at most 1024", tooMany.Message, StringComparison.Ordinal);
        var tooDeep = Assert.Throws<ArgumentException>(() => new LaunchOptions(1, new Dim3(1, 1, 65)));
        Assert.Contains("Z extent of 65", tooDeep.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grid_whose_global_index_would_overflow_an_int_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new LaunchOptions(new Dim3(1 << 16, 1 << 8), 256));

        Assert.Equal("grid", error.ParamName);
        Assert.Contains("at most 2147483647", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(LaunchOptions.MaxSharedMemoryBytes + 1)]
    public void Shared_memory_outside_0_to_48_KiB_is_rejected(int bytes)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LaunchOptions(1, 1) { SharedMemoryBytes = bytes });

        Assert.Equal(nameof(LaunchOptions.SharedMemoryBytes), error.ParamName);
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(3)]
    [InlineData(1000)]
    [InlineData((1 << 30) + 1)]
    public void Ring_capacities_must_be_zero_or_a_power_of_two(int capacity)
    {
        Assert.Equal(nameof(LaunchOptions.InputRingCapacity), Assert.Throws<ArgumentOutOfRangeException>(() => new LaunchOptions(1, 1) { InputRingCapacity = capacity }).ParamName);
        Assert.Equal(nameof(LaunchOptions.OutputRingCapacity), Assert.Throws<ArgumentOutOfRangeException>(() => new LaunchOptions(1, 1) { OutputRingCapacity = capacity }).ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    [InlineData(100)]
    [InlineData((1 << 20) + 64)]
    public void Message_slots_must_be_whole_cache_lines_holding_at_least_a_header(int bytes)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LaunchOptions(1, 1) { MessageSlotBytes = bytes });

        Assert.Contains("multiple of 64 bytes between 64 (one header)", error.Message, StringComparison.Ordinal);
    }
}
