using RingKernel.Commands;
using RingKernel.Metal.Commands;
using RingKernel.Metal.Interop;

namespace RingKernel.Metal;

// Command queues on Metal (Commands/): see MetalCommandQueue; what they ask of the backend that created them.
public sealed partial class MetalBackend
{
    private readonly List<MetalCommandQueue> _queues = [];

    /// <summary>A command queue on this backend's device (see <see cref="MetalCommandQueue"/>), with an MTLCommandQueue and a shared event of its own.</summary>
    public MetalCommandQueue CreateCommandQueue(QueueKind kind, string name)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ObjCObject queue = _device.NewCommandQueue();
            ObjCObject sharedEvent;
            try
            {
                sharedEvent = _device.NewSharedEvent();
            }
            catch
            {
                queue.Dispose();
                throw;
            }

            var created = new MetalCommandQueue(this, _residency, queue, sharedEvent, Signals, kind, name);
            _queues.Add(created);
            return created;
        }
    }

    /// <summary>The signals this backend's command queues have committed batches to raise, so other queues can wait for them on the device.</summary>
    internal DeviceSignalRegistry<MetalSharedEvent> Signals { get; } = new();

    /// <summary>A queue's Dispose: the backend no longer has to close it.</summary>
    internal void Forget(MetalCommandQueue queue)
    {
        lock (_gate)
            _queues.Remove(queue);
    }

    /// <summary>The queues still open, for the backend's disposal to close them.</summary>
    private MetalCommandQueue[] TakeQueues()
    {
        lock (_gate)
            return _disposed ? [] : [.. _queues];
    }
}
