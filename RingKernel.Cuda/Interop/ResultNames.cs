using System.Text;

namespace RingKernel.Cuda.Interop;

/// <summary>
/// The names cuda.h and nvrtc.h give result codes: CudaResult.ErrorOutOfMemory is
/// CUDA_ERROR_OUT_OF_MEMORY, NvrtcResult.ErrorCompilation is NVRTC_ERROR_COMPILATION.
/// </summary>
internal static class ResultNames
{
    public static string Of(CudaResult result) =>
        Enum.IsDefined(result) ? Screaming("CUDA", result.ToString()) : $"CUresult {(int)result}";

    public static string Of(NvrtcResult result) =>
        Enum.IsDefined(result) ? Screaming("NVRTC", result.ToString()) : $"nvrtcResult {(int)result}";

    private static string Screaming(string prefix, string pascal)
    {
        var name = new StringBuilder(prefix, pascal.Length + 12);
        for (int i = 0; i < pascal.Length; i++)
        {
            char c = pascal[i];
            if (char.IsUpper(c))
                name.Append('_');
            name.Append(char.ToUpperInvariant(c));
        }

        return name.ToString();
    }
}
