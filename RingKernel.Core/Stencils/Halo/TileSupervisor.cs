using System.Globalization;
using Akka.Actor;

namespace RingKernel.Stencils.Halo;

/// <summary>
/// The parent of a tiled simulation's tile kernel actors: it starts one child per tile
/// (<c>tile-0</c>, <c>tile-1</c>, ...) and decides on their faults through its
/// <see cref="TileSupervisionStrategy"/>. Asked <see cref="GetTiles"/>, it answers with the children
/// in tile order.
/// </summary>
internal sealed class TileSupervisor : UntypedActor
{
    private const string ChildPrefix = "tile-";

    private readonly IReadOnlyList<Props> _tiles;
    private readonly TileSupervisionStrategy _strategy;
    private IActorRef[] _children = [];

    public TileSupervisor(IReadOnlyList<Props> tiles, TileSupervisionStrategy strategy)
    {
        _tiles = tiles;
        _strategy = strategy;
    }

    /// <summary>The question whose answer is the tile actors, an <see cref="IActorRef"/>[] in tile order.</summary>
    public static object GetTiles { get; } = new();

    public static Props Props(IReadOnlyList<Props> tiles, TileSupervisionStrategy strategy) =>
        Akka.Actor.Props.Create(() => new TileSupervisor(tiles, strategy));

    /// <summary>The tile number of one of this supervisor's children.</summary>
    public static int TileOf(IActorRef child) => int.Parse(child.Path.Name.AsSpan(ChildPrefix.Length), CultureInfo.InvariantCulture);

    protected override SupervisorStrategy SupervisorStrategy() => _strategy;

    protected override void PreStart()
    {
        _children = new IActorRef[_tiles.Count];
        for (int tile = 0; tile < _children.Length; tile++)
            _children[tile] = Context.ActorOf(_tiles[tile], ChildPrefix + tile.ToString(CultureInfo.InvariantCulture));
    }

    protected override void OnReceive(object message)
    {
        if (ReferenceEquals(message, GetTiles))
            Sender.Tell(_children, Self);
        else
            Unhandled(message);
    }
}
