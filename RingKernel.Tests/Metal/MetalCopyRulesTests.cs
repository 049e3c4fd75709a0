using RingKernel.Metal.Commands;

namespace RingKernel.Tests.Metal;

/// <summary>Which copies a Metal queue refuses at submission: Metal's blits on macOS move whole 4-byte words between distinct ranges.</summary>
public sealed class MetalCopyRulesTests
{
    [Theory]
    [InlineData(false, 0, 0, 4096)]
    [InlineData(false, 100, 300, 2000)]
    [InlineData(true, 0, 128, 128)]
    [InlineData(true, 256, 0, 256)]
    [InlineData(false, 0, 0, 4)]
    public void WholeWordsBetweenDistinctRangesAreCopied(bool sameBuffer, long sourceOffset, long destinationOffset, long length) =>
        Assert.Null(MetalBlits.Refusal(sameBuffer, sourceOffset, destinationOffset, length));

    [Theory]
    [InlineData(1, 0, 8)]
    [InlineData(0, 2, 8)]
    [InlineData(0, 0, 6)]
    public void APartWordIsRefused(long sourceOffset, long destinationOffset, long length) =>
        Assert.Equal("Metal copies whole 4-byte words: offsets and length must be multiples of 4", MetalBlits.Refusal(false, sourceOffset, destinationOffset, length));

    [Theory]
    [InlineData(0, 64, 128)]
    [InlineData(64, 0, 128)]
    [InlineData(32, 32, 4)]
    public void OverlappingRangesOfOneBufferAreRefused(long sourceOffset, long destinationOffset, long length)
    {
        Assert.Equal("Metal copies may not overlap within one buffer", MetalBlits.Refusal(true, sourceOffset, destinationOffset, length));
        Assert.Null(MetalBlits.Refusal(false, sourceOffset, destinationOffset, length));
    }
}
