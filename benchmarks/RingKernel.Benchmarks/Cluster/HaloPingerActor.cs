using System.Diagnostics;
using Akka.Actor;
using RingKernel.Cluster.Protocol;

namespace RingKernel.Benchmarks.Cluster;

/// <summary>
/// The tile's half of a halo round trip: sends <see cref="Round.Messages"/> halo chunks of
/// <see cref="Round.PayloadBytes"/> bytes to an echo, at most <see cref="Round.Window"/> unanswered
/// at a time, and records each one's round trip (send to answer) and the whole round's time.
/// </summary>
internal sealed class HaloPingerActor : ReceiveActor
{
    private Round? _round;
    private byte[] _payload = [];
    private long[] _sentAt = [];
    private long[] _roundTrips = [];
    private int _sent;
    private int _answered;
    private long _began;

    public HaloPingerActor()
    {
        Receive<Round>(round =>
        {
            _round = round;
            _payload = new byte[round.PayloadBytes];
            Random.Shared.NextBytes(_payload);
            _sentAt = new long[round.Messages];
            _roundTrips = new long[round.Messages];
            _sent = _answered = 0;
            _began = Stopwatch.GetTimestamp();
            while (_sent < Math.Min(round.Window, round.Messages))
                SendNext();
        });
        Receive<RemoteHaloChunk>(chunk =>
        {
            Round round = _round!;
            int index = (int)chunk.Sequence;
            _roundTrips[index] = Stopwatch.GetTimestamp() - _sentAt[index];
            if (chunk.Payload.Length != round.PayloadBytes)
                round.Done.TrySetException(new InvalidOperationException($"Chunk {index} came back with {chunk.Payload.Length} bytes, not {round.PayloadBytes}."));
            if (++_answered == round.Messages)
                round.Done.TrySetResult(new RoundResult(_roundTrips, Stopwatch.GetTimestamp() - _began));
            else if (_sent < round.Messages)
                SendNext();
        });
    }

    private void SendNext()
    {
        _sentAt[_sent] = Stopwatch.GetTimestamp();
        _round!.Echo.Tell(new RemoteHaloChunk("compare", 1, 0, 1, 1, (ulong)_sent, _payload), Self);
        _sent++;
    }

    /// <summary>A round of <paramref name="Messages"/> chunks to <paramref name="Echo"/>.</summary>
    public sealed record Round(IActorRef Echo, int Messages, int Window, int PayloadBytes, TaskCompletionSource<RoundResult> Done);

    /// <summary>Each chunk's round trip and the whole round's time, in <see cref="Stopwatch"/> ticks.</summary>
    public sealed record RoundResult(long[] RoundTrips, long Elapsed);
}
