using System.Runtime.InteropServices;
using RingKernel.Memory;

namespace RingKernel.Vulkan.Kernels;

/// <summary>
/// What a <see cref="VulkanArgumentBinder{TArgs}"/> fills for one dispatch: a buffer for each
/// storage-buffer binding and the bytes of the push-constant block. Every write is checked against
/// the body's declared counts, so a binder that overruns fails on the host, not on the device.
/// </summary>
public readonly ref struct VulkanBindings
{
    private readonly Span<DeviceBuffer?> _buffers;
    private readonly Span<byte> _pushConstants;

    /// <summary>Bindings over the backend's per-dispatch storage (one slot per binding, the push-constant bytes).</summary>
    public VulkanBindings(Span<DeviceBuffer?> buffers, Span<byte> pushConstants)
    {
        _buffers = buffers;
        _pushConstants = pushConstants;
    }

    public int StorageBufferCount => _buffers.Length;

    /// <summary>The push-constant block, for binders that copy a whole struct or packed argument slots.</summary>
    public Span<byte> PushConstants => _pushConstants;

    /// <summary>Binds <paramref name="buffer"/> (whole) to storage-buffer binding <paramref name="binding"/>.</summary>
    public void StorageBuffer(int binding, DeviceBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if ((uint)binding >= (uint)_buffers.Length)
            throw new ArgumentOutOfRangeException(nameof(binding), binding, $"The body declares {_buffers.Length} storage buffer binding(s).");
        ObjectDisposedException.ThrowIf(buffer.IsDisposed, buffer);
        _buffers[binding] = buffer;
    }

    /// <summary>Writes <paramref name="value"/> at byte <paramref name="offset"/> of the push constants (std430: aligned to its size, at most 8).</summary>
    public void PushConstant<T>(int offset, T value) where T : unmanaged
    {
        int size = Marshal.SizeOf<T>();
        if (offset < 0 || offset > _pushConstants.Length - size)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"A {typeof(T).Name} at byte {offset} does not fit the body's {_pushConstants.Length} push-constant bytes.");
        int alignment = Math.Min(size & -size, 8);
        if (offset % alignment != 0)
            throw new ArgumentException($"A {typeof(T).Name} in a push-constant block must be at a multiple of {alignment} bytes; {offset} was given.", nameof(offset));
        MemoryMarshal.Write(_pushConstants[offset..], in value);
    }
}
