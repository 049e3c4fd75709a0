using RingKernel.Metal.Interop;

namespace RingKernel.Metal.Memory;

/// <summary>
/// Every live buffer of one backend. Kernels reach rings, control blocks, K2K inboxes and routing
/// tables by GPU address, which Metal does not see, so each compute pass declares all of them resident
/// (useResources:count:usage:, read and write) before it dispatches: whatever address a kernel follows
/// lies in one of them. A buffer leaves the set before it is released, under the same lock.
/// </summary>
internal sealed class MetalResidency
{
    private readonly Lock _gate = new();
    private readonly HashSet<MetalBuffer> _buffers = [];
    private nint[] _ids = [];

    public void Add(MetalBuffer buffer)
    {
        lock (_gate)
            _buffers.Add(buffer);
    }

    /// <summary>Removes <paramref name="buffer"/>, then runs <paramref name="release"/> while no pass can declare it; false when it was not in the set.</summary>
    public bool Remove(MetalBuffer buffer, Action release)
    {
        lock (_gate)
        {
            if (!_buffers.Remove(buffer))
                return false;
            release();
            return true;
        }
    }

    /// <summary>Releases every buffer still in the set (the backend's disposal); their own Dispose then has nothing left to do.</summary>
    public void ReleaseAll(Action<MetalBuffer> release)
    {
        lock (_gate)
        {
            foreach (MetalBuffer buffer in _buffers)
                release(buffer);
            _buffers.Clear();
        }
    }

    /// <summary>Declares every live buffer resident for the compute pass being encoded on <paramref name="encoder"/>.</summary>
    public void UseAll(nint encoder)
    {
        lock (_gate)
        {
            if (_buffers.Count == 0)
                return;
            if (_ids.Length < _buffers.Count)
                _ids = new nint[_buffers.Count * 2];
            int count = 0;
            foreach (MetalBuffer buffer in _buffers)
                _ids[count++] = buffer.Id;
            ObjCMessages.Void(encoder, Selectors.UseResources, in _ids[0], (nuint)count, MetalConstants.UsageReadWrite);
        }
    }
}
