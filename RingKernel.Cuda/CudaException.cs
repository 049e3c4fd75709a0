namespace RingKernel.Cuda;

/// <summary>
/// A CUDA driver call failed: the message names the call and the CUresult, e.g.
/// "cuMemHostAlloc failed: CUDA_ERROR_OUT_OF_MEMORY (2)".
/// </summary>
public sealed class CudaException : Exception
{
    public CudaException(string call, int result, string resultName)
        : base($"{call} failed: {resultName} ({result})")
    {
        Call = call;
        Result = result;
        ResultName = resultName;
    }

    /// <summary>The driver function that failed, e.g. "cuLaunchKernel".</summary>
    public string Call { get; }

    /// <summary>The CUresult value.</summary>
    public int Result { get; }

    /// <summary>The CUresult's name in cuda.h, e.g. "CUDA_ERROR_ILLEGAL_ADDRESS".</summary>
    public string ResultName { get; }
}
