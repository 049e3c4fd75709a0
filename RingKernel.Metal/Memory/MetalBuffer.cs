using System.Runtime.InteropServices;
using RingKernel.Memory;
using RingKernel.Metal.Devices;
using RingKernel.Metal.Interop;

namespace RingKernel.Metal.Memory;

/// <summary>
/// An MTLBuffer. A shared one (MTLStorageModeShared) is one allocation the host and the device both
/// reach: on Apple silicon the device's own memory (<see cref="MemorySpaceKind.Unified"/>), on a Mac
/// with a discrete GPU system memory the GPU reads across the bus (<see cref="MemorySpaceKind.PinnedHost"/>);
/// rings, control blocks, K2K inboxes and fields live there. A private one (MTLStorageModePrivate) is
/// device memory, reached by the host only through copies. The device's writes are visible to the host
/// once the command buffer that made them has completed.
/// </summary>
/// <remarks>Its <see cref="DeviceAddress"/> is the buffer's GPU address (Metal 3's gpuAddress), which kernels follow as a pointer.</remarks>
public sealed unsafe class MetalBuffer : DeviceBuffer
{
    private readonly MetalResidency _residency;
    private readonly ObjCObject _buffer;
    private readonly byte* _contents;
    private readonly ulong _gpuAddress;

    private MetalBuffer(MetalResidency residency, ObjCObject buffer, MemorySpaceKind kind, long length, byte* contents, ulong gpuAddress)
        : base(kind, length)
    {
        _residency = residency;
        _buffer = buffer;
        _contents = contents;
        _gpuAddress = gpuAddress;
    }

    public override bool IsHostAccessible => _contents != null;

    public override ulong DeviceAddress
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            return _gpuAddress;
        }
    }

    /// <summary>The backend's set of live buffers this one belongs to: its owner.</summary>
    internal MetalResidency Residency => _residency;

    internal nint Id => _buffer.Id;

    /// <summary>
    /// A buffer of <paramref name="length"/> bytes whose host and GPU addresses are aligned to
    /// <paramref name="alignment"/>; a shared one is zeroed here, a private one must be zeroed by the
    /// caller (it needs a command).
    /// </summary>
    internal static MetalBuffer Create(MetalDevice device, MetalResidency residency, long length, int alignment, bool shared)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "Alignment must be a positive power of two.");
        if (length > device.MaxBufferLength)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"Metal device {device.Name} allocates buffers of at most {device.MaxBufferLength} bytes.");
        // Whole 4-byte words, so a blit fill or copy of the whole buffer covers every byte of Length.
        ObjCObject buffer = device.NewBuffer(WholeWords(length), shared ? MetalConstants.StorageModeShared : MetalConstants.StorageModePrivate);
        try
        {
            byte* contents = null;
            if (shared)
            {
                contents = (byte*)ObjCMessages.Pointer(buffer.Id, Selectors.Contents);
                CheckAlignment((ulong)contents, alignment, "host");
                NativeMemory.Clear(contents, (nuint)length);
            }

            ulong address = ObjCMessages.UInt64(buffer.Id, Selectors.GpuAddress);
            CheckAlignment(address, alignment, "GPU");
            MemorySpaceKind kind = !shared ? MemorySpaceKind.Device : device.HasUnifiedMemory ? MemorySpaceKind.Unified : MemorySpaceKind.PinnedHost;
            var result = new MetalBuffer(residency, buffer, kind, length, contents, address);
            residency.Add(result);
            return result;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary><paramref name="length"/> rounded up to whole 4-byte words: the size of the MTLBuffer behind a buffer of that length.</summary>
    internal static long WholeWords(long length) => (length + 3) & ~3L;

    /// <summary>Releases the MTLBuffer, at the backend's disposal, whether or not this object is disposed.</summary>
    internal void ReleaseNative() => _buffer.Dispose();

    protected override byte* GetHostPointer() => _contents;

    protected override void Release()
    {
        // A buffer its backend already freed at its disposal has nothing left to release.
        _residency.Remove(this, _buffer.Dispose);
    }

    private static void CheckAlignment(ulong address, int alignment, string side)
    {
        if ((address & ((ulong)alignment - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, $"Metal placed the buffer at {side} address 0x{address:X}, not aligned to {alignment} bytes; ask for a smaller alignment.");
    }
}
