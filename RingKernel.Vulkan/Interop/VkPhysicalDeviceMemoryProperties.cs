using System.Runtime.InteropServices;

namespace RingKernel.Vulkan.Interop;

[StructLayout(LayoutKind.Explicit, Size = 520)]
internal unsafe struct VkPhysicalDeviceMemoryProperties
{
    public const int MaxMemoryTypes = 32;
    public const int MaxMemoryHeaps = 16;

    [FieldOffset(0)] public uint MemoryTypeCount;
    /// <summary>32 <see cref="VkMemoryType"/>s of 8 bytes.</summary>
    [FieldOffset(4)] public fixed uint MemoryTypeWords[2 * MaxMemoryTypes];
    [FieldOffset(260)] public uint MemoryHeapCount;
    /// <summary>16 <see cref="VkMemoryHeap"/>s of 16 bytes.</summary>
    [FieldOffset(264)] public fixed ulong MemoryHeapWords[2 * MaxMemoryHeaps];

    public VkMemoryType MemoryType(int index) => new() { PropertyFlags = MemoryTypeWords[2 * index], HeapIndex = MemoryTypeWords[(2 * index) + 1] };

    public VkMemoryHeap MemoryHeap(int index) => new() { Size = MemoryHeapWords[2 * index], Flags = (uint)MemoryHeapWords[(2 * index) + 1] };
}
