using System.Runtime.InteropServices;

namespace RingKernel.Cuda.Interop;

/// <summary>CUuuid: a device's 16-byte identifier, from cuDeviceGetUuid_v2.</summary>
[StructLayout(LayoutKind.Sequential, Size = Size)]
internal unsafe struct CudaUuid
{
    public const int Size = 16;

    public fixed byte Bytes[Size];

    public override readonly string ToString()
    {
        fixed (byte* bytes = Bytes)
            return new Guid(new ReadOnlySpan<byte>(bytes, Size)).ToString();
    }
}
