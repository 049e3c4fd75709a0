using System.Runtime.CompilerServices;

namespace RingKernel.Memory;

/// <summary>
/// A block of memory in some <see cref="MemorySpaceKind"/>. Host-accessible buffers expose
/// bounds-checked spans; every accessor throws <see cref="ObjectDisposedException"/> after disposal.
/// </summary>
public abstract unsafe class DeviceBuffer : IDisposable
{
    /// <summary>Two 64-byte lines: keeps producer and consumer fields of layouts in separate blocks.</summary>
    public const int DefaultAlignment = 128;

    private int _disposed;

    protected DeviceBuffer(MemorySpaceKind kind, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        Kind = kind;
        Length = length;
    }

    public MemorySpaceKind Kind { get; }

    public long Length { get; }

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>True when the host can read and write the buffer directly.</summary>
    public abstract bool IsHostAccessible { get; }

    /// <summary>The address the device uses for this buffer (for route tables and kernel arguments).</summary>
    public abstract ulong DeviceAddress { get; }

    /// <summary>The host address of the first byte. Throws when the buffer is not host-accessible.</summary>
    public byte* HostPointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            if (!IsHostAccessible)
                throw new InvalidOperationException($"A {Kind} buffer is not host-accessible; copy it through a staging buffer.");
            return GetHostPointer();
        }
    }

    /// <summary>A span over <paramref name="length"/> bytes from <paramref name="offset"/>, checked against the buffer.</summary>
    public Span<byte> AsSpan(long offset, int length)
    {
        byte* pointer = HostPointer;
        CheckRange(offset, length);
        return new Span<byte>(pointer + offset, length);
    }

    public Span<byte> AsSpan() => AsSpan(0, checked((int)Length));

    /// <summary>A span of <paramref name="count"/> <typeparamref name="T"/> from byte <paramref name="offset"/>, which must be aligned for T.</summary>
    public Span<T> AsSpan<T>(long offset, int count) where T : unmanaged
    {
        byte* pointer = HostPointer;
        long bytes = (long)count * sizeof(T);
        CheckRange(offset, bytes);
        CheckAlignment<T>(offset);
        return new Span<T>(pointer + offset, count);
    }

    /// <summary>A reference to the <typeparamref name="T"/> at byte <paramref name="offset"/>.</summary>
    public ref T AsRef<T>(long offset) where T : unmanaged
    {
        byte* pointer = HostPointer;
        CheckRange(offset, sizeof(T));
        CheckAlignment<T>(offset);
        return ref Unsafe.AsRef<T>(pointer + offset);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        Release();
        GC.SuppressFinalize(this);
    }

    protected abstract byte* GetHostPointer();

    /// <summary>Frees the memory; called once.</summary>
    protected abstract void Release();

    private void CheckRange(long offset, long length)
    {
        if (offset < 0 || length < 0 || offset > Length - length)
            throw new ArgumentOutOfRangeException(nameof(offset), $"Range [{offset}, {offset + length}) is outside the buffer of {Length} bytes.");
    }

    private static void CheckAlignment<T>(long offset) where T : unmanaged
    {
        // A type's alignment divides its size, so the largest power of two dividing the size
        // (12 bytes: 4) bounds it; no scalar needs more than 8.
        int align = Math.Min(sizeof(T) & -sizeof(T), 8);
        if ((offset & (align - 1)) != 0)
            throw new ArgumentException($"Offset {offset} is not aligned to {align} bytes for {typeof(T).Name}.", nameof(offset));
    }
}
