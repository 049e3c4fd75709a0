namespace RingKernel.Cuda;

/// <summary>
/// An NVRTC call failed: the message names the call and the nvrtcResult, and for a failed
/// compilation the program's name and NVRTC's log, e.g. "nvrtcCompileProgram failed:
/// NVRTC_ERROR_COMPILATION (6) compiling heat2d.cu: heat2d.cu(12): error: ...".
/// </summary>
public sealed class NvrtcException : Exception
{
    public NvrtcException(string call, int result, string resultName, string? programName = null, string? log = null)
        : base(Describe(call, result, resultName, programName, log))
    {
        Call = call;
        Result = result;
        ResultName = resultName;
        Log = log;
    }

    public string Call { get; }

    public int Result { get; }

    public string ResultName { get; }

    /// <summary>The compiler's log for a failed compilation; null otherwise.</summary>
    public string? Log { get; }

    private static string Describe(string call, int result, string resultName, string? programName, string? log)
    {
        string message = $"{call} failed: {resultName} ({result})";
        if (programName is not null)
            message += $" compiling {programName}";
        if (!string.IsNullOrWhiteSpace(log))
            message += $": {log.Trim()}";
        return message;
    }
}
