using System.IO.Pipelines;
using System.Net.Sockets;

namespace RingKernel.Samples.StreamPipeline;

/// <summary>
/// A connected socket as a pair of pipes. Both pipes leave the stream open, so that completing one
/// direction (the ingest completes its reader at the end of the stream) does not close the other;
/// the socket is closed when this is disposed.
/// </summary>
public sealed class SocketTransport : IDuplexPipe, IAsyncDisposable
{
    /// <summary>Bytes a pipe reads from the socket at once, and unflushed bytes a writer gathers before a flush.</summary>
    public const int BufferBytes = 64 * 1024;

    private readonly NetworkStream _stream;

    public SocketTransport(Socket socket)
    {
        socket.NoDelay = true;
        Socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Input = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: BufferBytes, leaveOpen: true));
        Output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));
    }

    public Socket Socket { get; }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
