using System.IO.MemoryMappedFiles;
using RingKernel.Memory;

namespace RingKernel.Tests.Cuda;

/// <summary>
/// A memory space in one shared file mapping, so another process (the ring kernel compiled for the
/// host) maps the same bytes: the stand-in for pinned host memory mapped into a device. Buffers are
/// carved out of the file in order, each aligned to 128 bytes; <see cref="OffsetOf"/> says where.
/// </summary>
internal sealed unsafe class SharedFileMemory : IMemorySpace, IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    // Nothing starts at offset 0: offsets stand for device addresses, and address 0 means "none" in route tables.
    private long _used = DeviceBuffer.DefaultAlignment;

    public SharedFileMemory(string path, long capacity)
    {
        Path = path;
        Capacity = capacity;
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite))
            stream.SetLength(capacity);
        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, capacity, MemoryMappedFileAccess.ReadWrite);
        _view = _file.CreateViewAccessor(0, capacity);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _base = pointer;
    }

    public string Path { get; }

    /// <summary>The first byte of the mapping in this process.</summary>
    public byte* Base => _base;

    public long Capacity { get; }

    public MemorySpaceKind Kind => MemorySpaceKind.PinnedHost;

    public DeviceBuffer Allocate(long length, int alignment = DeviceBuffer.DefaultAlignment)
    {
        lock (_file)
        {
            long offset = (_used + DeviceBuffer.DefaultAlignment - 1) & -DeviceBuffer.DefaultAlignment;
            if (offset + length > Capacity)
                throw new InvalidOperationException($"The shared file of {Capacity} bytes has no room for {length} more.");
            _used = offset + length;
            return new Buffer(_base + offset, length);
        }
    }

    /// <summary>Where <paramref name="buffer"/> starts in the file.</summary>
    public long OffsetOf(DeviceBuffer buffer) => buffer.HostPointer - _base;

    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
        File.Delete(Path);
    }

    private sealed class Buffer(byte* pointer, long length) : DeviceBuffer(MemorySpaceKind.PinnedHost, length)
    {
        public override bool IsHostAccessible => true;

        public override ulong DeviceAddress => (ulong)pointer;

        protected override byte* GetHostPointer() => pointer;

        protected override void Release()
        {
            // The mapping owns the bytes.
        }
    }
}
