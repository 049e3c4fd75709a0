using System.Globalization;

namespace RingKernel.Cluster;

/// <summary>
/// How tiles are named to the shard region: entity <c>run/shard/tile</c> in shard <c>run/shard</c>.
/// A shard is a band of consecutive tiles (neighbours along X, then rows), so a node that hosts a
/// shard trades most of its halos over K2K.
/// </summary>
internal static class TileEntityIds
{
    public static string EntityId(string run, int shard, int tile) => string.Create(CultureInfo.InvariantCulture, $"{run}/{shard}/{tile}");

    public static string ShardId(string entityId) => entityId[..entityId.LastIndexOf('/')];

    public static (string Run, int Tile) Parse(string entityId)
    {
        string[] parts = Uri.UnescapeDataString(entityId).Split('/');
        return parts.Length == 3 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int tile)
            ? (parts[0], tile)
            : throw new ArgumentException($"'{entityId}' is not a tile entity id (run/shard/tile).", nameof(entityId));
    }
}
