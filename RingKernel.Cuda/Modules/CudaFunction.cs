namespace RingKernel.Cuda.Modules;

/// <summary>A CUfunction: one kernel of a loaded module, valid while the module is.</summary>
internal sealed record CudaFunction(nint Handle, string Name);
