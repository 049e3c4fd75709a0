using System.Runtime.InteropServices;

namespace RingKernel.Metal.Interop;

/// <summary>
/// One reference to an Objective-C object that this process owns, released (objc_release) when the
/// handle is disposed or finalized. An object a method returned retained (new…, alloc/init…, Create…)
/// is taken with <see cref="Owned"/>; an autoreleased one that must outlive its pool with <see cref="Retain"/>.
/// </summary>
internal sealed class ObjCObject : SafeHandle
{
    private ObjCObject(nint handle)
        : base(0, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == 0;

    /// <summary>The object's id while the handle is alive.</summary>
    public nint Id
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return handle;
        }
    }

    /// <summary>Takes the reference a method returned retained; <paramref name="what"/> names the call when it returned nil.</summary>
    /// <exception cref="MetalException">The call returned nil.</exception>
    public static ObjCObject Owned(nint id, string what) =>
        id != 0 ? new ObjCObject(id) : throw new MetalException($"{what} returned nil.");

    /// <summary>Retains an object that is only autoreleased, so it outlives the pool it was made in.</summary>
    /// <exception cref="MetalException">The call returned nil.</exception>
    public static ObjCObject Retain(nint id, string what) =>
        id != 0 ? new ObjCObject(ObjCRuntime.Retain(id)) : throw new MetalException($"{what} returned nil.");

    protected override bool ReleaseHandle()
    {
        ObjCRuntime.Release(handle);
        return true;
    }
}
