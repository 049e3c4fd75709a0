using RingKernel.Cuda.Compilation;

namespace RingKernel.Cuda;

/// <summary>How a <see cref="CudaBackend"/> picks its device and where it caches PTX.</summary>
public sealed class CudaBackendOptions
{
    /// <summary>The CUDA device ordinal (0: the first device).</summary>
    public int DeviceOrdinal { get; init; }

    /// <summary>Where compiled PTX is kept between runs; <see cref="PtxCache.Default"/> unless given.</summary>
    public PtxCache? PtxCache { get; init; }
}
