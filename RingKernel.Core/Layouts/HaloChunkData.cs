using System.Runtime.CompilerServices;

namespace RingKernel.Layouts;

/// <summary>The inline float payload of one <see cref="HaloChunk"/>: <see cref="HaloChunk.Capacity"/> elements.</summary>
[InlineArray(HaloChunk.Capacity)]
public struct HaloChunkData
{
    private float _element;
}
