using System.Net;
using System.Net.Sockets;
using RingKernel.Cpu;
using RingKernel.Kernels.Persistent;
using RingKernel.Streams;

namespace RingKernel.Samples.StreamPipeline;

/// <summary>
/// Listens on 127.0.0.1 (a free port) and serves one connection with a <see cref="SensorStatsKernel"/>
/// on the CPU backend: frames in through the kernel's input ring, its statistics back out.
/// </summary>
public sealed class StreamPipelineServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly int _sensors;

    public StreamPipelineServer(int sensors)
    {
        _sensors = sensors;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Accepts one connection and serves it until the client has sent everything and has every answer.</summary>
    public async Task ServeOneAsync(CancellationToken cancellationToken = default)
    {
        await using var transport = new SocketTransport(await _listener.AcceptSocketAsync(cancellationToken).ConfigureAwait(false));
        var backend = new CpuBackend();
        using RingKernelMemory memory = RingKernelMemory.Allocate(backend.MemorySpace, SensorStatsKernel.Definition().Options, SensorStatsKernel.Types());
        await using IRingKernel kernel = backend.CreateRingKernel(SensorStatsKernel.Definition(), new SensorStatistics(_sensors), memory);
        kernel.Launch();
        await kernel.ActivateAsync(cancellationToken).ConfigureAwait(false);
        await kernel.ServeAsync(transport, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _listener.Dispose();
}
