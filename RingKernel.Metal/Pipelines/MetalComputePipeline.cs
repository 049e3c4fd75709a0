using RingKernel.Metal.Interop;

namespace RingKernel.Metal.Pipelines;

/// <summary>An MTLComputePipelineState: one shader's kernel function specialised to one threadgroup shape.</summary>
internal sealed class MetalComputePipeline(ObjCObject state, MTLSize threadsPerThreadgroup, long maxThreads) : IDisposable
{
    public nint Id => state.Id;

    /// <summary>The threadgroup shape the function was specialised to, which every dispatch of it uses.</summary>
    public MTLSize ThreadsPerThreadgroup { get; } = threadsPerThreadgroup;

    /// <summary>The most threads a threadgroup of this pipeline may have (maxTotalThreadsPerThreadgroup).</summary>
    public long MaxThreads { get; } = maxThreads;

    public void Dispose() => state.Dispose();
}
