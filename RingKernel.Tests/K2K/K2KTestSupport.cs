using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Memory;
using RingKernel.Rings;
using RingKernel.Stencils;

namespace RingKernel.Tests.K2K;

/// <summary>A tile's id and the direction it was sent in.</summary>
public readonly record struct TileToken(int SourceTile, int Direction);

/// <summary>A token passed around a ring of kernels: where it started and how many hops it made.</summary>
public readonly record struct RingToken(int Origin, int Hops);

/// <summary>A value in a stream of K2K messages.</summary>
public readonly record struct StreamValue(long Value);

/// <summary>The fabrics and geometry the K2K tests share.</summary>
public static class K2KTestSupport
{
    /// <summary>The type id of variable-length byte messages in <see cref="Types"/>.</summary>
    public const uint BytesTypeId = 14;

    /// <summary>The K2K message types, for slots of at least 128 bytes (64 of payload).</summary>
    public static MessageTypeRegistry Types()
    {
        var types = new MessageTypeRegistry(64);
        types.Register<TileToken>(11);
        types.Register<RingToken>(12);
        types.Register<StreamValue>(13);
        types.RegisterBytes(BytesTypeId);
        return types;
    }

    public static K2KFabric Fabric(int inboxCapacity = 64) =>
        new(HostMemorySpace.Instance, Types(), inboxCapacity, inboxSlotSize: 128);

    /// <summary>
    /// The tile one <paramref name="step"/> from <paramref name="tile"/> by plain modular arithmetic,
    /// independent of <see cref="TileGrid"/>: null when the step leaves a fixed grid.
    /// </summary>
    public static int? ExpectedNeighbour(Dim3 tiles, Index3 tile, Index3 step, BoundaryKind boundary)
    {
        int x = tile.X + step.X, y = tile.Y + step.Y, z = tile.Z + step.Z;
        if (boundary == BoundaryKind.Periodic)
        {
            x = (x + tiles.X) % tiles.X;
            y = (y + tiles.Y) % tiles.Y;
            z = (z + tiles.Z) % tiles.Z;
        }
        else if (x < 0 || x >= tiles.X || y < 0 || y >= tiles.Y || z < 0 || z >= tiles.Z)
        {
            return null;
        }

        return x + (tiles.X * (y + (tiles.Y * z)));
    }
}
