namespace RingKernel.Cuda.Kernels;

/// <summary>
/// Writes one launch's kernel parameters, in the order of the CUDA C function's parameters, from
/// its arguments. Called on the launching thread just before the launch.
/// </summary>
public delegate void CudaArgumentBinder<in TArgs>(TArgs args, ref CudaParameters parameters);
