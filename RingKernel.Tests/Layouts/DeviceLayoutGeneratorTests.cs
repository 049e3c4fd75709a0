using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RingKernel.Layouts;

namespace RingKernel.Tests.Layouts;

/// <summary>What the generator makes of a struct, and that it refuses, naming struct and field, what no device language can reproduce.</summary>
public sealed class DeviceLayoutGeneratorTests
{
    public static TheoryData<string> Languages => LayoutHeaderFiles.Languages;

    [Fact]
    public void RingHeaderMembersAreItsFieldsInOffsetOrderWithPaddingFillingEachGap()
    {
        DeviceStructLayout layout = DeviceStructLayout.FromType(typeof(RingHeader));

        Assert.Equal(384, layout.Size);
        Assert.Equal(
            [
                ("Tail", 0, 8, false), ("DroppedCount", 8, 8, false), ("Pad16", 16, 48, true), ("ProducerWaiting", 64, 4, false), ("Pad68", 68, 60, true),
                ("Head", 128, 8, false), ("Pad136", 136, 56, true), ("ConsumerWaiting", 192, 4, false), ("Pad196", 196, 60, true),
                ("Capacity", 256, 4, false), ("SlotSize", 260, 4, false), ("Kind", 264, 4, false), ("Magic", 268, 4, false),
                ("Pad272", 272, 112, true),
            ],
            layout.Members.Select(m => (m.Name, m.Offset, m.Size, m.IsPadding)));
        Assert.Equal(nameof(RingKind), layout.Members.Single(m => m.Name == "Kind").EnumTypeName);
    }

    [Fact]
    public void RingHeaderConstantsAreItsSizeBlockOffsetsAndFieldOffsets()
    {
        DeviceStructLayout layout = DeviceStructLayout.FromType(typeof(RingHeader));

        Assert.Equal(
            [
                ("RINGKERNEL_RING_HEADER_SIZE", 384L),
                ("RINGKERNEL_RING_HEADER_PRODUCER_BLOCK_OFFSET", 0L),
                ("RINGKERNEL_RING_HEADER_CONSUMER_BLOCK_OFFSET", 128L),
                ("RINGKERNEL_RING_HEADER_GEOMETRY_BLOCK_OFFSET", 256L),
                ("RINGKERNEL_RING_HEADER_FORMATTED_MAGIC", 0x474E4952L),
                ("RINGKERNEL_RING_HEADER_TAIL_OFFSET", 0L),
                ("RINGKERNEL_RING_HEADER_DROPPED_COUNT_OFFSET", 8L),
                ("RINGKERNEL_RING_HEADER_PRODUCER_WAITING_OFFSET", 64L),
                ("RINGKERNEL_RING_HEADER_HEAD_OFFSET", 128L),
                ("RINGKERNEL_RING_HEADER_CONSUMER_WAITING_OFFSET", 192L),
                ("RINGKERNEL_RING_HEADER_CAPACITY_OFFSET", 256L),
                ("RINGKERNEL_RING_HEADER_SLOT_SIZE_OFFSET", 260L),
                ("RINGKERNEL_RING_HEADER_KIND_OFFSET", 264L),
                ("RINGKERNEL_RING_HEADER_MAGIC_OFFSET", 268L),
            ],
            layout.Constants.Select(c => (c.Name, c.Value)));
        Assert.All(layout.Constants, c => Assert.Equal(DeviceScalarType.U32, c.Type));
    }

    [Fact]
    public void EnumValuesBecomeConstantsOfTheUnderlyingType()
    {
        DeviceEnumLayout layout = DeviceEnumLayout.FromType(typeof(KernelStatus));

        Assert.False(layout.IsFlags);
        Assert.Equal(
            [
                ("RINGKERNEL_KERNEL_STATUS_NOT_STARTED", 0L), ("RINGKERNEL_KERNEL_STATUS_RUNNING", 1L), ("RINGKERNEL_KERNEL_STATUS_IDLE", 2L),
                ("RINGKERNEL_KERNEL_STATUS_TERMINATED", 3L), ("RINGKERNEL_KERNEL_STATUS_FAULTED", 4L),
            ],
            layout.Values.Select(v => (v.Name, v.Value)));
        Assert.True(DeviceEnumLayout.FromType(typeof(KernelCommand)).IsFlags);
        Assert.Equal([-1L, 0L, 7L], DeviceEnumLayout.FromType(typeof(SignedCode)).Values.Select(v => v.Value).Order());
        Assert.All(DeviceEnumLayout.FromType(typeof(SignedCode)).Values, v => Assert.Equal(DeviceScalarType.I32, v.Type));
    }

    [Fact]
    public void EveryCatalogStructIsCoveredOnceByItsMembersWithFieldsAtTheirCSharpOffsets()
    {
        foreach (Type type in DeviceLayoutCatalog.Structs)
        {
            DeviceStructLayout layout = DeviceStructLayout.FromType(type);
            int position = 0;
            foreach (DeviceMember member in layout.Members)
            {
                Assert.Equal(position, member.Offset);
                if (!member.IsPadding)
                    Assert.Equal((int)Marshal.OffsetOf(type, member.Name), member.Offset);
                position = member.End;
            }
            Assert.Equal(Marshal.SizeOf(type), position);
            Assert.Equal(type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Length, layout.Fields.Count());
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void OverlappingFieldsAreRejectedNamingStructAndField(string language)
    {
        var error = Assert.Throws<DeviceLayoutException>(() => DeviceLayoutGenerator.Generate(LayoutHeaderFiles.Writer(language), [typeof(OverlappingFields)], []));
        Assert.Contains("OverlappingFields.Inside", error.Message, StringComparison.Ordinal);
        Assert.Contains("overlaps", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void FieldOfUnmappableTypeIsRejectedNamingStructAndField(string language)
    {
        var error = Assert.Throws<DeviceLayoutException>(() => DeviceLayoutGenerator.Generate(LayoutHeaderFiles.Writer(language), [typeof(UnmappableField)], []));
        Assert.Contains("UnmappableField.Enabled", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(Boolean), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MisalignedWideFieldIsRejected()
    {
        var error = Assert.Throws<DeviceLayoutException>(() => DeviceStructLayout.FromType(typeof(MisalignedWideField)));
        Assert.Contains("MisalignedWideField.Value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StructWithoutExplicitLayoutIsRejected()
    {
        var error = Assert.Throws<DeviceLayoutException>(() => DeviceStructLayout.FromType(typeof(SequentialLayout)));
        Assert.Contains(nameof(SequentialLayout), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GapThatWordPaddingCannotFillIsRejected()
    {
        var error = Assert.Throws<DeviceLayoutException>(() => DeviceStructLayout.FromType(typeof(OddSize)));
        Assert.Contains(nameof(OddSize), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SizeConstantThatContradictsTheLayoutIsRejected()
    {
        var error = Assert.Throws<DeviceLayoutException>(() => DeviceStructLayout.FromType(typeof(WrongSizeConstant)));
        Assert.Contains("WrongSizeConstant.Size", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnumWithoutA32BitUnderlyingTypeIsRejected()
    {
        var error = Assert.Throws<DeviceLayoutException>(() => DeviceEnumLayout.FromType(typeof(ByteSized)));
        Assert.Contains(nameof(ByteSized), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FieldHoldingAnEnumThatIsNotEmittedIsRejected()
    {
        var error = Assert.Throws<DeviceLayoutException>(() => DeviceLayoutGenerator.Generate(LayoutHeaderFiles.Writer(LayoutHeaderFiles.CudaC), [typeof(RingHeader)], []));
        Assert.Contains("RingHeader.Kind", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(RingKind), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NameDeclaredTwiceIsRejected()
    {
        var error = Assert.Throws<DeviceLayoutException>(
            () => DeviceLayoutGenerator.Generate(LayoutHeaderFiles.Writer(LayoutHeaderFiles.Glsl), [typeof(RouteEntry), typeof(RouteEntry)], []));
        Assert.Contains("RouteEntry", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void InlineArraysAndNestedStructsAreDeclaredWithTheirElementCountAndStructName(string language)
    {
        string header = DeviceLayoutGenerator.Generate(LayoutHeaderFiles.Writer(language), [typeof(RouteEntry), typeof(WithArrayAndNested)], []);

        DeviceStructLayout layout = DeviceStructLayout.FromType(typeof(WithArrayAndNested));
        DeviceMember route = layout.Fields.Single(f => f.Name == "Route");
        DeviceMember samples = layout.Fields.Single(f => f.Name == "Samples");
        Assert.Equal(("RouteEntry", 1, 32, 8), (route.Struct?.Name, route.Count, route.Size, route.Alignment));
        Assert.Equal((3, 12, 32), (samples.Count, samples.Size, samples.Offset));
        Assert.Equal(48, layout.Size);
        Assert.Contains("RouteEntry Route;", header, StringComparison.Ordinal);
        Assert.Contains(" Samples[3];", header, StringComparison.Ordinal);
        Assert.Contains(" Pad44[1];", header, StringComparison.Ordinal);
    }

    [Fact]
    public void InlineArrayOfANonScalarIsRejectedNamingStructAndField()
    {
        var error = Assert.Throws<DeviceLayoutException>(() => DeviceStructLayout.FromType(typeof(ArrayOfBools)));
        Assert.Contains("ArrayOfBools.Flags", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(Boolean), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NestedStructMisalignedForItsWidestFieldIsRejected()
    {
        var error = Assert.Throws<DeviceLayoutException>(() => DeviceStructLayout.FromType(typeof(MisalignedNested)));
        Assert.Contains("MisalignedNested.Route", error.Message, StringComparison.Ordinal);
    }

    [StructLayout(LayoutKind.Explicit, Size = 16)]
    private struct OverlappingFields
    {
        [FieldOffset(0)] public ulong Wide;
        [FieldOffset(4)] public uint Inside;
    }

    [StructLayout(LayoutKind.Explicit, Size = 16)]
    private struct UnmappableField
    {
        [FieldOffset(0)] public ulong Id;
        [FieldOffset(8)] public bool Enabled;
    }

    [StructLayout(LayoutKind.Explicit, Size = 16)]
    private struct MisalignedWideField
    {
        [FieldOffset(4)] public ulong Value;
    }

    private readonly struct SequentialLayout(uint value)
    {
        public readonly uint Value = value;
    }

    [StructLayout(LayoutKind.Explicit, Size = 6)]
    private struct OddSize
    {
        [FieldOffset(0)] public uint Value;
    }

    [StructLayout(LayoutKind.Explicit, Size = 8)]
    private struct WrongSizeConstant
    {
        public const int Size = 16;
        [FieldOffset(0)] public ulong Value;
    }

    [InlineArray(3)]
    private struct ThreeFloats
    {
        private float _element;
    }

    [InlineArray(2)]
    private struct TwoBools
    {
        private bool _element;
    }

    [StructLayout(LayoutKind.Explicit, Size = 48)]
    private struct WithArrayAndNested
    {
        [FieldOffset(0)] public RouteEntry Route;
        [FieldOffset(32)] public ThreeFloats Samples;
    }

    [StructLayout(LayoutKind.Explicit, Size = 8)]
    private struct ArrayOfBools
    {
        [FieldOffset(0)] public TwoBools Flags;
    }

    [StructLayout(LayoutKind.Explicit, Size = 40)]
    private struct MisalignedNested
    {
        [FieldOffset(4)] public RouteEntry Route;
    }

    private enum ByteSized : byte
    {
        One = 1,
    }

    private enum SignedCode
    {
        Invalid = -1,
        Ok = 0,
        Retry = 7,
    }
}
