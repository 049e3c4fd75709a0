using ILGPU;
using ILGPU.Backends.PointerViews;
using RingKernel.Memory;

namespace RingKernel.Cuda.Kernels;

/// <summary>How a C# kernel's <see cref="ArrayView{T}"/> parameters are bound on the CUDA backend.</summary>
public static class ArrayViewParameters
{
    /// <summary>
    /// Appends <paramref name="buffer"/> as an <see cref="ArrayView{T}"/> of its whole length: ILGPU
    /// passes a view to a PTX kernel as its <see cref="ViewImplementation{T}"/> (address, then length
    /// in elements, 16 bytes).
    /// </summary>
    public static unsafe void View<T>(this ref CudaParameters parameters, DeviceBuffer buffer) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ObjectDisposedException.ThrowIf(buffer.IsDisposed, buffer);
        parameters.Value(new ViewImplementation<T>((void*)buffer.DeviceAddress, buffer.Length / sizeof(T)));
    }
}
