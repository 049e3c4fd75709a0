namespace RingKernel.Cuda.Stencils;

/// <summary>Which kernels a CUDA stencil solver launches; all compute the references' cells bit for bit.</summary>
public enum CudaStencilKernel
{
    /// <summary>The CUDA C kernels of stencils.cu, compiled by NVRTC.</summary>
    CudaC,

    /// <summary>The C# kernels, compiled by ILGPU, reading neighbours from global memory.</summary>
    CSharp,

    /// <summary>The C# kernels, compiled by ILGPU, staging each block's cells and halo in shared memory.</summary>
    CSharpSharedMemory,
}
