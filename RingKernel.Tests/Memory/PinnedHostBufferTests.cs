using System.Runtime.InteropServices;
using RingKernel.Layouts;
using RingKernel.Memory;

namespace RingKernel.Tests.Memory;

/// <summary>Pinned host buffers: alignment, zeroing, bounds- and alignment-checked views, disposal.</summary>
public sealed unsafe class PinnedHostBufferTests
{
    public static TheoryData<int> Alignments => [1, 2, 4, 8, 16, 64, 128, 256, 4096];

    [Theory]
    [MemberData(nameof(Alignments))]
    public void HostPointerIsAlignedToTheRequestedPowerOfTwo(int alignment)
    {
        // Several allocations, so one that happens to be aligned proves nothing on its own.
        var buffers = Enumerable.Range(0, 16).Select(i => new PinnedHostBuffer(24 + i * 40, alignment)).ToList();
        try
        {
            Assert.All(buffers, b => Assert.Equal(0ul, (ulong)b.HostPointer % (ulong)alignment));
        }
        finally
        {
            buffers.ForEach(b => b.Dispose());
        }
    }

    [Fact]
    public void DefaultAlignmentIs128SoLayoutBlocksStartOnTheirOwnLinePair()
    {
        Assert.Equal(128, DeviceBuffer.DefaultAlignment);
        for (int i = 0; i < 16; i++)
        {
            using var plain = new PinnedHostBuffer(100 + i);
            using DeviceBuffer fromSpace = HostMemorySpace.Instance.Allocate(RingHeader.Size + i * 8);
            Assert.Equal(0ul, (ulong)plain.HostPointer % 128);
            Assert.Equal(0ul, (ulong)fromSpace.HostPointer % 128);
            Assert.Equal(MemorySpaceKind.PinnedHost, fromSpace.Kind);
            Assert.Equal(RingHeader.Size + i * 8, fromSpace.Length);
        }
    }

    [Fact]
    public void DeviceAddressIsTheHostAddress()
    {
        using var buffer = new PinnedHostBuffer(64);
        Assert.True(buffer.IsHostAccessible);
        Assert.Equal((ulong)buffer.HostPointer, buffer.DeviceAddress);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(65_539)]
    [InlineData(1 << 20)]
    public void AllocationIsZeroedEvenWhereFreedMemoryHeldData(int length)
    {
        // Dirty freed blocks first, so the allocator is likely to hand back memory that held 0xA5.
        for (int i = 0; i < 4; i++)
        {
            using var dirty = new PinnedHostBuffer(length);
            dirty.AsSpan().Fill(0xA5);
        }

        using var buffer = new PinnedHostBuffer(length);

        Assert.Equal(length, buffer.AsSpan().Length);
        Assert.Equal(-1, buffer.AsSpan().IndexOfAnyExcept((byte)0));
    }

    [Fact]
    public void ViewsAliasTheSameMemory()
    {
        using var buffer = new PinnedHostBuffer(256);

        buffer.AsSpan<ulong>(8, 2)[1] = 0x0102030405060708;
        ref RouteEntry route = ref buffer.AsRef<RouteEntry>(32);
        route.TargetKernelId = 0xCAFE;

        Assert.Equal(0x0102030405060708ul, BitConverter.ToUInt64(buffer.AsSpan(16, 8)));
        Assert.Equal(0x0102030405060708ul, *(ulong*)(buffer.HostPointer + 16));
        Assert.Equal(0xCAFEu, BitConverter.ToUInt32(buffer.AsSpan(32 + 16, 4)));
        Assert.Equal(256, buffer.AsSpan().Length);
        Assert.Equal(0, buffer.AsSpan(256, 0).Length);
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(0, -1)]
    [InlineData(0, 129)]
    [InlineData(128, 1)]
    [InlineData(100, 29)]
    [InlineData(long.MaxValue, 1)]
    [InlineData(long.MinValue, 1)]
    public void ByteSpanOutsideTheBufferThrows(long offset, int length)
    {
        using var buffer = new PinnedHostBuffer(128);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.AsSpan(offset, length));
    }

    [Theory]
    [InlineData(0, 17)]
    [InlineData(8, 16)]
    [InlineData(128, 1)]
    [InlineData(-8, 1)]
    [InlineData(0, -1)]
    [InlineData(0, int.MaxValue)]
    public void TypedSpanOutsideTheBufferThrows(long offset, int count)
    {
        using var buffer = new PinnedHostBuffer(128);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.AsSpan<ulong>(offset, count));
    }

    [Fact]
    public void TypedSpanAndReferenceAtTheEndOfTheBufferAreAllowed()
    {
        using var buffer = new PinnedHostBuffer(RingHeader.Size + 64);
        Assert.Equal(16, buffer.AsSpan<ulong>(RingHeader.Size - 64, 16).Length);
        buffer.AsRef<MessageHeader>(RingHeader.Size).MessageId = 7;
        Assert.Equal(7ul, buffer.AsRef<ulong>(RingHeader.Size));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(384)]
    public void ReferencePastTheEndThrows(long offset)
    {
        using var buffer = new PinnedHostBuffer(RingHeader.Size);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.AsRef<RingHeader>(offset));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(12)]
    public void MisalignedTypedViewsThrow(long offset)
    {
        using var buffer = new PinnedHostBuffer(1024);
        Assert.Throws<ArgumentException>(() => buffer.AsSpan<ulong>(offset, 1));
        Assert.Throws<ArgumentException>(() => buffer.AsRef<ulong>(offset));
        Assert.Throws<ArgumentException>(() => buffer.AsRef<RingHeader>(offset));
        Assert.Throws<ArgumentException>(() => buffer.AsRef<MessageHeader>(offset));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    public void MisalignedViewOfAStructWhoseSizeIsNotAPowerOfTwoThrows(long offset)
    {
        using var buffer = new PinnedHostBuffer(1024);
        Assert.Equal(12, sizeof(ThreeWords));
        Assert.Throws<ArgumentException>(() => buffer.AsRef<ThreeWords>(offset));
        Assert.Throws<ArgumentException>(() => buffer.AsSpan<ThreeWords>(offset, 2));
        Assert.Equal(2, buffer.AsSpan<ThreeWords>(4, 2).Length);
    }

    [Fact]
    public void TypedViewsOfSmallTypesNeedOnlyTheirOwnAlignment()
    {
        using var buffer = new PinnedHostBuffer(64);
        buffer.AsRef<ushort>(2) = 0xBEEF;
        buffer.AsSpan<byte>(5, 3).Fill(9);
        Assert.Equal(0xBEEF, BitConverter.ToUInt16(buffer.AsSpan(2, 2)));
        Assert.Equal([0, 9, 9, 9], buffer.AsSpan(4, 4).ToArray());
        Assert.Throws<ArgumentException>(() => buffer.AsRef<ushort>(3));
    }

    [Fact]
    public void EveryAccessorThrowsObjectDisposedExceptionAfterDispose()
    {
        var buffer = new PinnedHostBuffer(128);
        buffer.Dispose();

        Assert.True(buffer.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => (ulong)buffer.HostPointer);
        Assert.Throws<ObjectDisposedException>(() => buffer.DeviceAddress);
        Assert.Throws<ObjectDisposedException>(() => buffer.AsSpan().Length);
        Assert.Throws<ObjectDisposedException>(() => buffer.AsSpan(0, 8).Length);
        Assert.Throws<ObjectDisposedException>(() => buffer.AsSpan<ulong>(0, 1).Length);
        Assert.Throws<ObjectDisposedException>(() => buffer.AsRef<ulong>(0));
        // Disposal is reported first, whatever else is wrong with the arguments.
        Assert.Throws<ObjectDisposedException>(() => buffer.AsSpan(-1, 8).Length);
        Assert.Throws<ObjectDisposedException>(() => buffer.AsRef<ulong>(3));
    }

    [Fact]
    public void DisposingTwiceOrFromManyThreadsFreesOnce()
    {
        var buffer = new PinnedHostBuffer(4096);
        buffer.Dispose();
        buffer.Dispose();

        // A second free of the same block would abort the process in the native allocator.
        var shared = Enumerable.Range(0, 64).Select(_ => new PinnedHostBuffer(4096)).ToList();
        Parallel.For(0, 4, _ => shared.ForEach(b => b.Dispose()));
        Assert.All(shared, b => Assert.True(b.IsDisposed));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-128)]
    [InlineData(3)]
    [InlineData(12)]
    [InlineData(96)]
    public void AlignmentThatIsNotAPositivePowerOfTwoIsRejected(int alignment)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PinnedHostBuffer(64, alignment));
        Assert.Equal("alignment", error.ParamName);
        RunFinalizersOfAbandonedBuffers();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void LengthThatIsNotPositiveIsRejected(long length)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PinnedHostBuffer(length));
        Assert.Equal("length", error.ParamName);
        RunFinalizersOfAbandonedBuffers();
    }

    /// <summary>
    /// A buffer whose constructor threw is still finalized; a finalizer that frees what was never
    /// allocated, or throws, ends the test process, failing the run.
    /// </summary>
    private static void RunFinalizersOfAbandonedBuffers()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ThreeWords
    {
        public uint A;
        public uint B;
        public uint C;
    }
}
