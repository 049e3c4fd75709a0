namespace RingKernel.Cuda.Interop;

/// <summary>Turns failed result codes into exceptions that name the call.</summary>
internal static class CudaCheck
{
    /// <summary>Throws a <see cref="CudaException"/> unless <paramref name="result"/> is CUDA_SUCCESS.</summary>
    public static void Driver(CudaResult result, string call)
    {
        if (result != CudaResult.Success)
            throw new CudaException(call, (int)result, ResultNames.Of(result));
    }

    /// <summary>Throws an <see cref="NvrtcException"/> unless <paramref name="result"/> is NVRTC_SUCCESS.</summary>
    public static void Nvrtc(NvrtcResult result, string call, string? programName = null, string? log = null)
    {
        if (result != NvrtcResult.Success)
            throw new NvrtcException(call, (int)result, ResultNames.Of(result), programName, log);
    }
}
