using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RingKernel.Layouts;

namespace RingKernel.Benchmarks.Cluster;

/// <summary>
/// A halo chunk's round trip over a bare TCP connection on loopback, the floor of a dedicated remote
/// transport: a full chunk (<see cref="HaloChunk.Size"/> bytes) written to a socket (no Nagle delay),
/// read whole by an echo thread and written back, read whole again; no serialization, no actors.
/// </summary>
internal static class TcpHaloRoundTrip
{
    public static long[] Measure(int warmup, int samples)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient { NoDelay = true };
        client.Connect((IPEndPoint)listener.LocalEndpoint);
        using Socket server = listener.AcceptSocket();
        server.NoDelay = true;
        var echo = new Thread(() => Echo(server)) { IsBackground = true, Name = "tcp-echo" };
        echo.Start();
        Socket socket = client.Client;
        byte[] chunk = new byte[HaloChunk.Size], answer = new byte[HaloChunk.Size];
        Random.Shared.NextBytes(chunk);
        for (int i = 0; i < warmup; i++)
            RoundTrip(socket, chunk, answer);
        var ticks = new long[samples];
        for (int i = 0; i < samples; i++)
        {
            long start = Stopwatch.GetTimestamp();
            RoundTrip(socket, chunk, answer);
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }

        if (!chunk.AsSpan().SequenceEqual(answer))
            throw new InvalidOperationException("The TCP echo answered other bytes than the chunk sent.");
        socket.Shutdown(SocketShutdown.Send);
        echo.Join();
        return ticks;
    }

    private static void RoundTrip(Socket socket, byte[] chunk, byte[] answer)
    {
        socket.Send(chunk);
        if (!ReadWhole(socket, answer))
            throw new InvalidOperationException("The TCP echo closed the connection.");
    }

    private static void Echo(Socket server)
    {
        byte[] chunk = new byte[HaloChunk.Size];
        while (ReadWhole(server, chunk))
            server.Send(chunk);
        server.Shutdown(SocketShutdown.Send);
    }

    /// <summary>Reads exactly <paramref name="buffer"/>'s length; false when the peer closed first.</summary>
    private static bool ReadWhole(Socket socket, byte[] buffer)
    {
        for (int read = 0; read < buffer.Length;)
        {
            int got = socket.Receive(buffer, read, buffer.Length - read, SocketFlags.None);
            if (got == 0)
                return false;
            read += got;
        }

        return true;
    }
}
