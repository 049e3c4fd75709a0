using System.Text.RegularExpressions;
using RingKernel.Cuda;
using RingKernel.Cuda.Interop;

namespace RingKernel.Tests.Cuda;

/// <summary>Failed driver and NVRTC calls become exceptions naming the call and the result as the CUDA headers spell it.</summary>
public partial class CudaResultTests
{
    [Theory]
    [InlineData(CudaResult.ErrorOutOfMemory, "cuMemHostAlloc", "cuMemHostAlloc failed: CUDA_ERROR_OUT_OF_MEMORY (2)")]
    [InlineData(CudaResult.ErrorIllegalAddress, "cuStreamSynchronize", "cuStreamSynchronize failed: CUDA_ERROR_ILLEGAL_ADDRESS (700)")]
    [InlineData(CudaResult.ErrorNoBinaryForGpu, "cuModuleLoadData", "cuModuleLoadData failed: CUDA_ERROR_NO_BINARY_FOR_GPU (209)")]
    [InlineData(CudaResult.ErrorCooperativeLaunchTooLarge, "cuLaunchCooperativeKernel", "cuLaunchCooperativeKernel failed: CUDA_ERROR_COOPERATIVE_LAUNCH_TOO_LARGE (720)")]
    [InlineData(CudaResult.ErrorInvalidPtx, "cuModuleLoadData", "cuModuleLoadData failed: CUDA_ERROR_INVALID_PTX (218)")]
    [InlineData((CudaResult)12345, "cuInit", "cuInit failed: CUresult 12345 (12345)")]
    internal void A_failed_driver_call_throws_with_the_call_and_the_result_name(CudaResult result, string call, string message)
    {
        var thrown = Assert.Throws<CudaException>(() => CudaCheck.Driver(result, call));
        Assert.Equal(message, thrown.Message);
        Assert.Equal(call, thrown.Call);
        Assert.Equal((int)result, thrown.Result);
    }

    [Fact]
    public void Success_does_not_throw()
    {
        CudaCheck.Driver(CudaResult.Success, "cuInit");
        CudaCheck.Nvrtc(NvrtcResult.Success, "nvrtcCompileProgram");
    }

    [Fact]
    public void A_failed_compilation_names_the_program_and_carries_the_log()
    {
        var thrown = Assert.Throws<NvrtcException>(() => CudaCheck.Nvrtc(NvrtcResult.ErrorCompilation, "nvrtcCompileProgram", "stencils.cu", "stencils.cu(12): error: identifier \"x\" is undefined\n"));
        Assert.Equal("nvrtcCompileProgram failed: NVRTC_ERROR_COMPILATION (6) compiling stencils.cu: stencils.cu(12): error: identifier \"x\" is undefined", thrown.Message);
        Assert.Equal("NVRTC_ERROR_COMPILATION", thrown.ResultName);
        Assert.Contains("identifier \"x\" is undefined", thrown.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void An_nvrtc_failure_without_a_log_names_the_call_and_result()
    {
        var thrown = Assert.Throws<NvrtcException>(() => CudaCheck.Nvrtc(NvrtcResult.ErrorInvalidOption, "nvrtcCompileProgram"));
        Assert.Equal("nvrtcCompileProgram failed: NVRTC_ERROR_INVALID_OPTION (5)", thrown.Message);
        Assert.Null(thrown.Log);
    }

    [Fact]
    public void Every_result_has_a_distinct_header_style_name()
    {
        string[] cuda = [.. Enum.GetValues<CudaResult>().Select(ResultNames.Of)];
        Assert.All(cuda, name => Assert.Matches(CudaName(), name));
        Assert.Equal(cuda.Length, cuda.Distinct().Count());
        Assert.Equal("CUDA_SUCCESS", ResultNames.Of(CudaResult.Success));

        string[] nvrtc = [.. Enum.GetValues<NvrtcResult>().Select(ResultNames.Of)];
        Assert.All(nvrtc, name => Assert.Matches(NvrtcName(), name));
        Assert.Equal(nvrtc.Length, nvrtc.Distinct().Count());
        Assert.Equal("NVRTC_ERROR_TIME_FILE_WRITE_FAILED", ResultNames.Of(NvrtcResult.ErrorTimeFileWriteFailed));
    }

    [GeneratedRegex("^CUDA_(SUCCESS|ERROR_[A-Z0-9]+(_[A-Z0-9]+)*)$")]
    private static partial Regex CudaName();

    [GeneratedRegex("^NVRTC_(SUCCESS|ERROR_[A-Z0-9]+(_[A-Z0-9]+)*)$")]
    private static partial Regex NvrtcName();
}
