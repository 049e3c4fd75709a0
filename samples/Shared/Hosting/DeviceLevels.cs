using RingKernel.Backends;
using RingKernel.Memory;

namespace RingKernel.Samples.Hosting;

/// <summary>
/// A GPU backend (Vulkan, Metal) and the two time levels of a field in its memory, the older and the
/// newer: a step's kernel writes the next level over the older one, then <see cref="Rotate"/> makes it the newer.
/// </summary>
public sealed class DeviceLevels : IDisposable
{
    private readonly int _cells;

    /// <summary>Opens the backend named <paramref name="backend"/> (vulkan or metal) and uploads the levels; <paramref name="older"/> may be the same array as <paramref name="newer"/> (a field at rest).</summary>
    public DeviceLevels(string backend, float[] older, float[] newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        _cells = newer.Length;
        long bytes = (long)_cells * sizeof(float);
        Backend = GpuSampleBackend.Open(backend);
        DeviceBuffer? first = null;
        try
        {
            first = Backend.MemorySpace.Allocate(bytes);
            Older = first;
            Newer = Backend.MemorySpace.Allocate(bytes);
        }
        catch
        {
            first?.Dispose();
            ((IDisposable)Backend).Dispose();
            throw;
        }

        older.CopyTo(Older.AsSpan<float>(0, _cells));
        newer.CopyTo(Newer.AsSpan<float>(0, _cells));
    }

    public IComputeBackend Backend { get; }

    public DeviceBuffer Older { get; private set; }

    public DeviceBuffer Newer { get; private set; }

    /// <summary>After a step wrote the next level over <see cref="Older"/>: it becomes <see cref="Newer"/>.</summary>
    public void Rotate() => (Older, Newer) = (Newer, Older);

    /// <summary>A copy of the newer level.</summary>
    public float[] ReadNewer() => Newer.AsSpan<float>(0, _cells).ToArray();

    public void Dispose()
    {
        Older.Dispose();
        Newer.Dispose();
        ((IDisposable)Backend).Dispose();
    }
}
