using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Text;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime.Cuda;

namespace RingKernel.Cuda.Compilation;

/// <summary>
/// Compiles C# kernels (static methods written against ILGPU's explicitly grouped kernel API: Grid
/// and Group indices, SharedMemory, Group.Barrier, Atomic) to PTX with ILGPU's PTXBackend, which
/// needs no GPU, through a <see cref="PtxCache"/>. ILGPU runs in its IEEE math mode (never the
/// fast modes, which flush denormals and approximate), and <see cref="PtxRounding"/> pins every
/// float add, sub and mul so that ptxas cannot contract them into FMAs.
/// </summary>
/// <remarks>
/// The cache key names the kernel (type, method, metadata token), the build of its assembly and of
/// every assembly it references (their module version ids: a rebuild with any change is a new key),
/// ILGPU's build and settings, this assembly's build (the rounding pass), the requested compute
/// capability and the PTX ISA. ILGPU's context is created on the first miss, so a cache hit costs
/// no ILGPU start-up.
/// </remarks>
internal sealed class CSharpKernelCompiler(PtxCache cache) : IDisposable
{
    /// <summary>
    /// PTX ISA 7.8 (CUDA 11.8), the oldest that knows every architecture up to sm_90. ILGPU writes
    /// <c>.target</c> as the requested architecture capped at sm_80 (what its code needs), so
    /// newer devices get sm_80 PTX that their driver compiles for them; any CUDA 12 driver, which
    /// this backend needs, accepts ISA 7.8.
    /// </summary>
    public static readonly CudaInstructionSet InstructionSet = CudaInstructionSet.ISA_78;

    /// <summary>ILGPU's IEEE math: no flush to zero, no approximate division or square root.</summary>
    public const MathMode FloatMode = MathMode.Default;

    public const OptimizationLevel Optimization = OptimizationLevel.O1;

    private readonly Lock _gate = new();
    private readonly Dictionary<ComputeCapability, PTXBackend> _backends = [];
    private Context? _context;
    private bool _disposed;

    /// <summary>The PTX of <paramref name="kernel"/> for <paramref name="capability"/>, from the cache when there.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The capability is older than <see cref="ComputeCapability.Minimum"/>.</exception>
    /// <exception cref="InvalidOperationException">ILGPU cannot compile the method.</exception>
    public CompiledPtx Compile(MethodInfo kernel, ComputeCapability capability, out bool cacheHit)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (capability < ComputeCapability.Minimum)
            throw new ArgumentOutOfRangeException(nameof(capability), capability, $"CUDA kernels need compute capability {ComputeCapability.Minimum} or newer.");
        string key = Key(kernel, capability);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            byte[] image = cache.GetOrCompile($"{kernel.DeclaringType?.Name}.{kernel.Name}", key, () => CompileNow(kernel, capability), out cacheHit);
            return CompiledPtx.FromImage(image);
        }
    }

    /// <summary>The cache key of <paramref name="kernel"/> compiled for <paramref name="capability"/> (64 hex digits).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "References only name builds in the key; one that trimming removed holds no code the kernel calls.")]
    public static string Key(MethodInfo kernel, ComputeCapability capability)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        Assembly assembly = kernel.Module.Assembly;
        var parts = new List<string>
        {
            "ilgpu",
            BuildOf(typeof(Context).Assembly),
            $"{FloatMode} {Optimization} ISA {InstructionSet}",
            BuildOf(typeof(CSharpKernelCompiler).Assembly),
            capability.ToString(),
            kernel.DeclaringType?.FullName ?? "",
            kernel.Name,
            kernel.MetadataToken.ToString(CultureInfo.InvariantCulture),
            BuildOf(assembly),
        };
        foreach (AssemblyName reference in assembly.GetReferencedAssemblies().OrderBy(name => name.FullName, StringComparer.Ordinal))
            parts.Add(BuildOf(reference));
        return PtxCache.Hash(parts);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            foreach (PTXBackend backend in _backends.Values)
                backend.Dispose();
            _backends.Clear();
            _context?.Dispose();
        }
    }

    private byte[] CompileNow(MethodInfo kernel, ComputeCapability capability)
    {
        _context ??= Context.Create(builder => builder.Math(FloatMode).Optimize(Optimization));
        if (!_backends.TryGetValue(capability, out PTXBackend? backend))
        {
            var architecture = new CudaArchitecture(capability.Major, capability.Minor);
            backend = new PTXBackend(_context, new CudaCapabilityContext(architecture), architecture, InstructionSet, nvvmAPI: null);
            _backends.Add(capability, backend);
        }

        string ptx;
        try
        {
            var compiled = (PTXCompiledKernel)backend.Compile(EntryPointDescription.FromExplicitlyGroupedKernel(kernel), default);
            ptx = compiled.PTXAssembly;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"ILGPU cannot compile the C# kernel {kernel.DeclaringType?.FullName}.{kernel.Name} for sm_{capability.Major}{capability.Minor}: {ex.Message}", ex);
        }

        return Encoding.ASCII.GetBytes(PtxRounding.RoundToNearest(ptx) + "\0");
    }

    private static string BuildOf(Assembly assembly) => $"{assembly.FullName} {assembly.ManifestModule.ModuleVersionId}";

    /// <summary>The build of a referenced assembly: its module version id when it loads, else its name.</summary>
    private static string BuildOf(AssemblyName reference)
    {
        try
        {
            return BuildOf(Assembly.Load(reference));
        }
        catch (FileNotFoundException)
        {
            return reference.FullName;
        }
    }
}
