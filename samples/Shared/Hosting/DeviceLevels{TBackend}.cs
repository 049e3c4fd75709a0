using RingKernel.Backends;
using RingKernel.Memory;

namespace RingKernel.Samples.Hosting;

/// <summary>
/// A GPU backend (Vulkan, Metal) and the two time levels of a field in its memory, the older and the
/// newer: a step's kernel writes the next level over the older one, then <see cref="Rotate"/> makes it the newer.
/// </summary>
public sealed class DeviceLevels<TBackend> : IDisposable
    where TBackend : IComputeBackend, IDisposable
{
    private readonly int _cells;

    /// <summary>Opens a backend and uploads the levels; <paramref name="older"/> may be the same array as <paramref name="newer"/> (a field at rest).</summary>
    public DeviceLevels(Func<TBackend> open, float[] older, float[] newer)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        _cells = newer.Length;
        long bytes = (long)_cells * sizeof(float);
        Backend = open();
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
            Backend.Dispose();
            throw;
        }

        older.CopyTo(Older.AsSpan<float>(0, _cells));
        newer.CopyTo(Newer.AsSpan<float>(0, _cells));
    }

    public TBackend Backend { get; }

    public DeviceBuffer Older { get; private set; }

    public DeviceBuffer Newer { get; private set; }

    /// <summary>After a step wrote the next level over <see cref="Older"/>: it becomes <see cref="Newer"/>.</summary>
    public void Rotate() => (Older, Newer) = (Newer, Older);

    /// <summary>Copies the newer level into <paramref name="field"/>.</summary>
    public void ReadNewer(float[] field) => Newer.AsSpan<float>(0, _cells).CopyTo(field);

    public void Dispose()
    {
        Older.Dispose();
        Newer.Dispose();
        Backend.Dispose();
    }
}
