using RingKernel.Metal.Interop;
using RingKernel.Metal.Memory;
using RingKernel.Metal.Pipelines;

namespace RingKernel.Metal.Commands;

/// <summary>
/// One kernel dispatch, its arguments resolved to this backend's buffers, ready to encode as a compute
/// pass of its own: pipeline, buffers at their indices, push constants by <c>setBytes</c>, every live
/// buffer declared resident (kernels follow GPU addresses into them), then the threadgroups.
/// </summary>
internal sealed class MetalDispatch(MetalComputePipeline pipeline, (int Index, MetalBuffer Buffer)[] buffers, int? constantsIndex, byte[] constants, MTLSize threadgroups)
{
    /// <summary>Encodes the pass on <paramref name="commandBuffer"/>. Call inside an <see cref="AutoreleasePool"/>: the encoder is autoreleased.</summary>
    public void Encode(nint commandBuffer, MetalResidency residency)
    {
        nint encoder = ObjCMessages.Pointer(commandBuffer, Selectors.ComputeCommandEncoder);
        if (encoder == 0)
            throw new MetalException("[MTLCommandBuffer computeCommandEncoder] returned nil.");
        try
        {
            ObjCMessages.Void(encoder, Selectors.SetComputePipelineState, pipeline.Id);
            foreach ((int bufferIndex, MetalBuffer buffer) in buffers)
                ObjCMessages.Void(encoder, Selectors.SetBuffer, buffer.Id, 0, (nuint)bufferIndex);
            if (constantsIndex is { } index && constants.Length > 0)
                ObjCMessages.Void(encoder, Selectors.SetBytes, in constants[0], (nuint)constants.Length, (nuint)index);
            residency.UseAll(encoder);
            ObjCMessages.Void(encoder, Selectors.DispatchThreadgroups, threadgroups, pipeline.ThreadsPerThreadgroup);
        }
        finally
        {
            ObjCMessages.Void(encoder, Selectors.EndEncoding);
        }
    }

    /// <summary>The push constants, for a ring kernel's dispatcher to rewrite its first bytes before each run.</summary>
    public Span<byte> Constants => constants;
}
