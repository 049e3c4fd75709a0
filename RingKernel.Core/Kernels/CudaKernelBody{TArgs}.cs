namespace RingKernel.Kernels;

/// <summary>
/// The CUDA body of a kernel: a CUDA C translation unit, the extern "C" __global__ function to
/// launch, its parameter count, and how a launch's <typeparamref name="TArgs"/> become its
/// parameters. The CUDA backend compiles the source with NVRTC (the generated layout header and
/// the backend's device headers may be included by name) and caches the PTX.
/// </summary>
public sealed class CudaKernelBody<TArgs>
{
    public CudaKernelBody(string programName, string source, string entryPoint, int parameterCount, CudaArgumentBinder<TArgs> bind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(programName);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(entryPoint);
        ArgumentNullException.ThrowIfNull(bind);
        if (parameterCount < 0 || parameterCount > 256)
            throw new ArgumentOutOfRangeException(nameof(parameterCount), parameterCount, "A kernel declares 0 to 256 parameters.");
        ProgramName = programName;
        Source = source;
        EntryPoint = entryPoint;
        ParameterCount = parameterCount;
        Bind = bind;
    }

    /// <summary>The file name diagnostics and the PTX cache use, e.g. "stencils.cu".</summary>
    public string ProgramName { get; }

    public string Source { get; }

    public string EntryPoint { get; }

    /// <summary>How many parameters the function declares; a launch that binds another number fails on the host.</summary>
    public int ParameterCount { get; }

    public CudaArgumentBinder<TArgs> Bind { get; }

    /// <summary>Launch with cuLaunchCooperativeKernel: every block resident at once (grid-wide synchronisation, persistent grids).</summary>
    public bool Cooperative { get; init; }
}
