using System.Runtime.InteropServices;
using RingKernel.K2K;
using RingKernel.Layouts;
using RingKernel.Telemetry;

namespace RingKernel.Stencils.Halo;

/// <summary>
/// One tile's halo exchange over K2K: for an epoch (the step number the halo belongs to) it sends
/// the strips its neighbours need on its routes and fills its halo from the strips on its inboxes,
/// each strip cut into <see cref="HaloChunk"/>s when it is longer than the chunk size.
/// </summary>
/// <remarks>
/// <para>Sending and receiving interleave without blocking (try to send what is pending, take what
/// has arrived, stop when neither moves), so tiles whose strips exceed their inboxes' capacity
/// cannot deadlock by all sending at once. <see cref="Begin"/> and <see cref="TryFinish"/> never wait:
/// a tile kernel that finds its neighbours behind returns and is resumed by their doorbell ring.
/// <see cref="Exchange"/> waits in place, spinning and yielding the core (a neighbour is normally one
/// step's compute away) and falling back to 1 ms sleeps only after long idleness.</para>
/// <para>Epochs: an exchange reads exactly the chunks of its epoch from each inbox and no more, so
/// the next epoch's chunks of a faster neighbour stay queued, unread, behind them. Every chunk's
/// <see cref="HaloMessageHeader"/> is checked (step, face, halo width, chunk index and count,
/// element count, sender); a mismatch throws <see cref="HaloEpochException"/>. K2K's per-route
/// sequence numbers already prove that no chunk was lost or repeated.</para>
/// </remarks>
public sealed class HaloExchange
{
    private const int IdleSpinsBeforeSleep = 1 << 14;

    private readonly HaloDoorbells? _doorbells;
    private readonly K2KEndpoint _endpoint;
    private readonly Strip[] _routes;
    private readonly Strip[] _inboxes;
    private readonly int _chunkElements;
    private readonly KeyValuePair<string, object?>[] _telemetryTags;
    private HaloChunk _chunk;
    private float[][]? _levels;
    private ulong _step;
    private int _pending;

    /// <param name="endpoint">The tile's K2K endpoint; its routes and inboxes on <paramref name="directions"/> are used where present.</param>
    /// <param name="layout">The tile's padded memory.</param>
    /// <param name="directions">The neighbourhood's directions (a missing route or inbox is a fixed boundary there).</param>
    /// <param name="firstKernelId">The kernel id of tile 0: a tile's number is its kernel id less this.</param>
    /// <param name="chunkElements">Floats per chunk, 1 to <see cref="HaloChunk.Capacity"/>.</param>
    /// <param name="doorbells">The tiles' doorbells, by tile number: a neighbour's is rung after sending to it or receiving from it; null for none.</param>
    public HaloExchange(K2KEndpoint endpoint, HaloTileLayout layout, IReadOnlyList<K2KDirection> directions, uint firstKernelId = 0, int chunkElements = HaloChunk.Capacity, HaloDoorbells? doorbells = null)
    {
        _doorbells = doorbells;
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(directions);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkElements, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkElements, HaloChunk.Capacity);
        _endpoint = endpoint;
        _telemetryTags = RingKernelTelemetry.FabricTags(endpoint.FabricName);
        Layout = layout;
        _chunkElements = chunkElements;
        FirstKernelId = firstKernelId;
        _routes = [.. directions.Select(d => (Direction: d, Link: endpoint.FindRoute((int)d))).Where(r => r.Link is not null).Select(r => new Strip(r.Direction, layout.SendRegion(r.Direction), r.Link!, r.Link!.TargetKernelId - firstKernelId))];
        _inboxes = [.. directions.Select(d => (Direction: d, Link: endpoint.FindInbox((int)d))).Where(r => r.Link is not null).Select(r => new Strip(r.Direction, layout.ReceiveRegion(r.Direction), r.Link!, r.Link!.SourceKernelId - firstKernelId))];
    }

    public HaloTileLayout Layout { get; }

    public uint FirstKernelId { get; }

    /// <summary>This tile's number.</summary>
    public uint Tile => _endpoint.KernelId - FirstKernelId;

    /// <summary>The directions this tile sends halos on.</summary>
    public IReadOnlyList<K2KDirection> Routes => [.. _routes.Select(r => r.Direction)];

    /// <summary>The directions this tile receives halos from.</summary>
    public IReadOnlyList<K2KDirection> Inboxes => [.. _inboxes.Select(r => r.Direction)];

    /// <summary>Chunks sent so far.</summary>
    public long ChunksSent { get; private set; }

    /// <summary>Chunks received so far.</summary>
    public long ChunksReceived { get; private set; }

    /// <summary>Payload bytes of the chunks sent so far (chunk headers and strip data, without the K2K message headers).</summary>
    public long BytesSent { get; private set; }

    /// <summary>
    /// Exchanges the halo of epoch <paramref name="step"/>: sends the strips of every level in
    /// <paramref name="levels"/> (padded fields of <see cref="Layout"/>) and fills their halos from the
    /// neighbours' strips. Returns when every strip is sent and every halo filled, spinning, yielding
    /// and then sleeping while neither side can move.
    /// </summary>
    /// <exception cref="HaloEpochException">A received chunk belongs to another epoch or place.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (the kernel is terminating).</exception>
    public void Exchange(ulong step, float[][] levels, CancellationToken cancellationToken = default)
    {
        Begin(step, levels);
        var backoff = default(SpinWait);
        int idle = 0;
        while (!TryFinish())
        {
            cancellationToken.ThrowIfCancellationRequested();

            // A neighbour is usually a step's compute away: spin and yield the core to it, and
            // sleep only when it has been away far longer (a stalled or descheduled tile).
            if (++idle < IdleSpinsBeforeSleep)
                backoff.SpinOnce(sleep1Threshold: -1);
            else
                Thread.Sleep(1);
        }
    }

    /// <summary>
    /// Starts exchanging the halo of epoch <paramref name="step"/> over <paramref name="levels"/>;
    /// <see cref="TryFinish"/> then moves it on without ever waiting.
    /// </summary>
    /// <exception cref="InvalidOperationException">An exchange is already in progress.</exception>
    public void Begin(ulong step, float[][] levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        if (_levels is not null)
            throw new InvalidOperationException($"Tile {Tile} began the halo exchange of step {step} while that of step {_step} was in progress.");
        foreach (ref Strip route in _routes.AsSpan())
            route.Begin(levels.Length, _chunkElements);
        foreach (ref Strip inbox in _inboxes.AsSpan())
            inbox.Begin(levels.Length, _chunkElements);
        _levels = levels;
        _step = step;
        _pending = _routes.Length + _inboxes.Length;
    }

    /// <summary>
    /// Sends what the neighbours' inboxes have room for and takes what has arrived, for as long as
    /// either moves: true when the exchange begun by <see cref="Begin"/> is complete, false when it
    /// waits for a neighbour (whose doorbell ring, if doorbells are connected, resumes this tile).
    /// </summary>
    /// <exception cref="HaloEpochException">A received chunk belongs to another epoch or place.</exception>
    /// <exception cref="InvalidOperationException">No exchange is in progress.</exception>
    public bool TryFinish()
    {
        float[][] levels = _levels ?? throw new InvalidOperationException($"Tile {Tile} has no halo exchange in progress.");
        ulong step = _step;
        long bytesBefore = BytesSent;
        bool moved = true;
        while (_pending > 0 && moved)
        {
            moved = false;
            foreach (ref Strip route in _routes.AsSpan())
            {
                int sent = 0;
                while (route.Next < route.Count)
                {
                    int bytes = FillChunk(ref route, step, levels);
                    if (!TrySend(route.Link, bytes))
                        break;
                    route.Next++;
                    sent++;
                    BytesSent += bytes;
                    if (route.Next == route.Count)
                        _pending--;
                }

                if (sent > 0)
                {
                    ChunksSent += sent;
                    moved = true;
                    _doorbells?.Ring(route.PeerTile);
                }
            }

            foreach (ref Strip inbox in _inboxes.AsSpan())
            {
                if (inbox.Next == inbox.Count)
                    continue;

                int received = 0;
                while (inbox.Next < inbox.Count && inbox.Link.TryReceiveBytes(ChunkBytes, out int bytes, out MessageHeader header))
                {
                    TakeChunk(ref inbox, step, levels, header.TypeId, bytes);
                    inbox.Next++;
                    received++;
                    if (inbox.Next == inbox.Count)
                        _pending--;
                }

                if (received > 0)
                {
                    ChunksReceived += received;
                    moved = true;
                    _doorbells?.RoomMade(inbox.PeerTile);
                }
            }
        }

        if (BytesSent != bytesBefore)
            RingKernelTelemetry.HaloBytes.Add(BytesSent - bytesBefore, _telemetryTags);
        if (_pending > 0)
            return false;
        _levels = null;
        return true;
    }

    /// <summary>Sends the staged chunk; when the inbox is full, says so on the doorbells (if any) and tries once more, so that a receiver making room meanwhile either sees the word or has made room this try sees.</summary>
    private bool TrySend(K2KRoute link, int bytes)
    {
        if (link.TrySendBytes(HaloChunk.TypeId, ChunkBytes[..bytes]))
            return true;
        if (_doorbells is null)
            return false;
        _doorbells.WaitForRoom(Tile);
        return link.TrySendBytes(HaloChunk.TypeId, ChunkBytes[..bytes]);
    }

    /// <summary>The staging chunk as bytes: a chunk travels as its header and the floats it carries.</summary>
    private Span<byte> ChunkBytes => MemoryMarshal.AsBytes(new Span<HaloChunk>(ref _chunk));

    /// <summary>Stages the route's next chunk; returns its payload size.</summary>
    private int FillChunk(ref Strip route, ulong step, float[][] levels)
    {
        int offset = route.Next * _chunkElements;
        int count = Math.Min(_chunkElements, route.Total - offset);
        _chunk.Header = new HaloMessageHeader
        {
            Step = step,
            SourceTile = Tile,
            Direction = (uint)route.Direction.Opposite(),
            HaloWidth = (uint)Layout.Halo,
            ElementCount = (uint)count,
            ChunkIndex = (uint)route.Next,
            ChunkCount = (uint)route.Count,
        };
        Layout.CopyStrip(levels, route.Region, offset, ((Span<float>)_chunk.Data)[..count], intoChunk: true);
        return HaloChunk.PayloadSize(count);
    }

    private void TakeChunk(ref Strip inbox, ulong step, float[][] levels, uint typeId, int bytes)
    {
        ref readonly HaloMessageHeader header = ref _chunk.Header;
        int offset = inbox.Next * _chunkElements;
        int count = Math.Min(_chunkElements, inbox.Total - offset);
        string? problem =
            typeId != HaloChunk.TypeId ? $"it is a message of type {typeId}, not a halo chunk"
            : bytes < HaloMessageHeader.Size || bytes != HaloChunk.PayloadSize((int)Math.Min(header.ElementCount, HaloChunk.Capacity)) ? $"its {bytes}-byte payload does not hold the {header.ElementCount} elements it claims"
            : header.Step != step ? $"it is for step {header.Step}"
            : header.Direction != (uint)inbox.Direction ? $"it fills face {K2KDirections.Describe((int)header.Direction)}"
            : header.SourceTile != inbox.PeerTile ? $"it comes from tile {header.SourceTile}, not {inbox.PeerTile}"
            : header.HaloWidth != (uint)Layout.Halo ? $"its halo is {header.HaloWidth} wide, not {Layout.Halo}"
            : header.ChunkCount != (uint)inbox.Count || header.ChunkIndex != (uint)inbox.Next ? $"it is chunk {header.ChunkIndex} of {header.ChunkCount}, not {inbox.Next} of {inbox.Count}"
            : header.ElementCount != (uint)count ? $"it holds {header.ElementCount} elements, not {count}"
            : null;
        if (problem is not null)
            throw new HaloEpochException($"Tile {Tile} exchanging the halo of step {step} received a chunk on inbox {K2KDirections.Describe((int)inbox.Direction)} that does not belong there: {problem}.");
        Layout.CopyStrip(levels, inbox.Region, offset, ((Span<float>)_chunk.Data)[..count], intoChunk: false);
    }

    private static int ChunkCount(int total, int chunkElements) => (total + chunkElements - 1) / chunkElements;

    /// <summary>One strip on the way out (route and peer = target tile) or in (inbox and peer = source tile), with its chunking progress.</summary>
    private struct Strip(K2KDirection direction, HaloRegion region, K2KRoute link, uint peerTile)
    {
        public readonly K2KDirection Direction = direction;
        public readonly HaloRegion Region = region;
        public readonly K2KRoute Link = link;
        public readonly uint PeerTile = peerTile;
        public int Total;
        public int Count;
        public int Next;

        public void Begin(int levels, int chunkElements)
        {
            Total = Region.CellCount * levels;
            Count = ChunkCount(Total, chunkElements);
            Next = 0;
        }
    }
}
