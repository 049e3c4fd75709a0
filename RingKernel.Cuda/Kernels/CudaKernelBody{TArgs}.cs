using System.Reflection;
using RingKernel.Kernels;

namespace RingKernel.Cuda.Kernels;

/// <summary>
/// The CUDA body of a kernel (attach it with <see cref="CudaKernelDefinitionExtensions.WithCuda{TArgs}"/>): either a CUDA C translation unit (<see cref="Source"/>) or a static
/// C# method (<see cref="Method"/>) that the CUDA backend compiles to PTX; the function to launch,
/// its parameter count, and how a launch's <typeparamref name="TArgs"/> become its parameters. The
/// CUDA backend compiles CUDA C with NVRTC (the generated layout header and the backend's device
/// headers may be included by name) and caches the PTX.
/// </summary>
public sealed class CudaKernelBody<TArgs> : IKernelBody
{
    public CudaKernelBody(string programName, string source, string entryPoint, int parameterCount, CudaArgumentBinder<TArgs> bind)
        : this(programName, entryPoint, parameterCount, bind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Source = source;
    }

    /// <summary>
    /// A body written in C#: <paramref name="method"/>, a static method returning void whose
    /// parameters are the kernel's, compiled to PTX by the CUDA backend (RingKernel.Cuda says which
    /// kernel API such a method is written against).
    /// </summary>
    public CudaKernelBody(MethodInfo method, int parameterCount, CudaArgumentBinder<TArgs> bind)
        : this(KernelMethodName(method), method.Name, parameterCount, bind)
    {
        Method = method;
    }

    private CudaKernelBody(string programName, string entryPoint, int parameterCount, CudaArgumentBinder<TArgs> bind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(programName);
        ArgumentException.ThrowIfNullOrWhiteSpace(entryPoint);
        ArgumentNullException.ThrowIfNull(bind);
        if (parameterCount < 0 || parameterCount > 256)
            throw new ArgumentOutOfRangeException(nameof(parameterCount), parameterCount, "A kernel declares 0 to 256 parameters.");
        ProgramName = programName;
        EntryPoint = entryPoint;
        ParameterCount = parameterCount;
        Bind = bind;
    }

    /// <summary>The file name diagnostics and the PTX cache use, e.g. "stencils.cu"; for a C# body, the method's type and name.</summary>
    public string ProgramName { get; }

    /// <summary>The CUDA C text; null for a C# body.</summary>
    public string? Source { get; }

    /// <summary>The C# kernel method; null for a CUDA C body.</summary>
    public MethodInfo? Method { get; }

    /// <summary>The extern "C" __global__ function of a CUDA C body; the method's name for a C# body.</summary>
    public string EntryPoint { get; }

    /// <summary>How many parameters the function declares; a launch that binds another number fails on the host.</summary>
    public int ParameterCount { get; }

    public CudaArgumentBinder<TArgs> Bind { get; }

    /// <summary>Launch with cuLaunchCooperativeKernel: every block resident at once (grid-wide synchronisation, persistent grids).</summary>
    public bool Cooperative { get; init; }

    private static string KernelMethodName(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        string name = $"{method.DeclaringType?.FullName}.{method.Name}";
        if (!method.IsStatic || method.ReturnType != typeof(void) || method.ContainsGenericParameters)
            throw new ArgumentException($"A C# kernel is a static, non-generic method returning void; {name} is not.", nameof(method));
        return name;
    }
}
