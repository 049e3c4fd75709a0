using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RingKernel.Memory;

namespace RingKernel.Cuda.Kernels;

/// <summary>
/// The parameters of one CUDA launch, appended in declaration order into a reused byte buffer, each
/// at its natural alignment (as the C function sees them); the backend passes the driver a pointer
/// to each. Every append is checked against the buffer and the kernel's declared count, so a binder
/// that overruns fails on the host.
/// </summary>
public ref struct CudaParameters
{
    /// <summary>The parameter space a CUDA kernel has (4 KiB).</summary>
    public const int MaxBytes = 4096;

    private readonly Span<byte> _bytes;
    private readonly Span<int> _offsets;
    private int _count;
    private int _length;

    /// <summary>Parameters over the backend's per-launch storage: the bytes, and one offset per declared parameter.</summary>
    public CudaParameters(Span<byte> bytes, Span<int> offsets)
    {
        _bytes = bytes;
        _offsets = offsets;
    }

    /// <summary>Parameters appended so far.</summary>
    public readonly int Count => _count;

    /// <summary>Bytes used so far.</summary>
    public readonly int Length => _length;

    /// <summary>Where parameter <paramref name="index"/> starts in the buffer.</summary>
    public readonly int OffsetOf(int index)
    {
        if ((uint)index >= (uint)_count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"{_count} parameter(s) were appended.");
        return _offsets[index];
    }

    /// <summary>Appends the device address of <paramref name="buffer"/> (a T* parameter).</summary>
    public void Address(DeviceBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ObjectDisposedException.ThrowIf(buffer.IsDisposed, buffer);
        Value(buffer.DeviceAddress);
    }

    /// <summary>Appends <paramref name="value"/> at the next multiple of its alignment (its size's largest power of two, at most 8).</summary>
    public void Value<T>(T value) where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        int alignment = Math.Min(size & -size, 8);
        int offset = (_length + alignment - 1) & -alignment;
        if (_count == _offsets.Length)
            throw new InvalidOperationException($"The kernel declares {_offsets.Length} parameter(s); a binder appended more.");
        if (offset > _bytes.Length - size)
            throw new InvalidOperationException($"A {typeof(T).Name} at byte {offset} does not fit the {_bytes.Length} bytes of kernel parameter space.");
        MemoryMarshal.Write(_bytes[offset..], in value);
        _offsets[_count++] = offset;
        _length = offset + size;
    }
}
