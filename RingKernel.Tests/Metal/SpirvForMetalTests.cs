using System.Buffers.Binary;

namespace RingKernel.Tests.Metal;

/// <summary>
/// The parts of the Metal path that differ from Vulkan's, checked on the committed modules: the fence
/// atomic the translation removes (and nothing else), and the atomics left, all 32-bit, since MSL has
/// no general 64-bit atomics on device memory.
/// </summary>
public sealed class SpirvForMetalTests
{
    [Theory]
    [InlineData("ring_echo")]
    [InlineData("ring_k2k_relay")]
    public void PreparingARingShaderTurnsItsOneFenceAtomicIntoNopsAndKeepsEveryOtherWord(string name)
    {
        byte[] module = MslTranslation.Spirv(name);
        var original = new SpirvForMetal(module);

        (byte[] prepared, int removed) = original.PrepareForMsl();

        Assert.Equal(1, removed);
        Assert.Equal(module.Length, prepared.Length);
        int[] changed = [.. Enumerable.Range(0, module.Length / 4).Where(i => Word(module, i) != Word(prepared, i))];
        Assert.Equal(7, changed.Length);
        Assert.Equal(Enumerable.Range(changed[0], 7), changed);
        Assert.Equal((7u << 16) | 234u, Word(module, changed[0]));
        Assert.All(changed, i => Assert.Equal(1u << 16, Word(prepared, i)));
        Assert.Empty(new SpirvForMetal(prepared).AtomicWidths());
    }

    [Fact]
    public void AnAtomicOnAStorageBufferIsKept()
    {
        byte[] module = MslTranslation.Spirv("halo_stencil");

        (byte[] prepared, int removed) = new SpirvForMetal(module).PrepareForMsl();

        Assert.Equal(0, removed);
        Assert.Equal(module, prepared);
        Assert.Equal([32u], new SpirvForMetal(prepared).AtomicWidths());
    }

    [Fact]
    public void NoModuleMetalRunsUsesA64BitAtomic()
    {
        (IReadOnlyList<string> translated, _) = MslTranslation.Plan();

        foreach (string name in translated)
            Assert.All(new SpirvForMetal(MslTranslation.Spirv(name)).AtomicWidths(), width => Assert.Equal(32u, width));
    }

    [Fact]
    public void ANonModuleIsRefused() =>
        Assert.Throws<InvalidDataException>(() => new SpirvForMetal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]));

    private static uint Word(byte[] module, int index) => BinaryPrimitives.ReadUInt32LittleEndian(module.AsSpan(index * 4));
}
