using System.Runtime.InteropServices;
using MessagePack;
using RingKernel.Stencils.Halo;

namespace RingKernel.Cluster.Protocol;

/// <summary>
/// A tile's <see cref="StencilTileState"/> as it is stored and sent: its padded fields as raw bytes
/// (a float array in MessagePack would cost a type byte per float).
/// </summary>
[MessagePackObject]
internal sealed record TileCheckpoint([property: Key(0)] int Tile, [property: Key(1)] long Step, [property: Key(2)] long ExchangedStep, [property: Key(3)] byte[][] Levels) : IClusterStencilMessage
{
    public static TileCheckpoint From(int tile, StencilTileState state) =>
        new(tile, state.Step, state.ExchangedStep, [.. state.Levels.Select(level => MemoryMarshal.AsBytes(level.AsSpan()).ToArray())]);

    public StencilTileState ToState() => new(Step, ExchangedStep, [.. Levels.Select(level => MemoryMarshal.Cast<byte, float>(level).ToArray())]);
}
