using System.Reflection;
using RingKernel.Cuda.Compilation;
using RingKernel.Cuda.Devices;

namespace RingKernel.Cuda.Modules;

/// <summary>
/// Compiles each distinct program once per backend (CUDA C with NVRTC, C# kernels with ILGPU, both
/// through the disk <see cref="PtxCache"/>) and keeps its module loaded; kernels look their
/// functions up here.
/// </summary>
internal sealed class CudaModuleCache(CudaContext context, ComputeCapability capability, PtxCache ptxCache) : IDisposable
{
    private readonly NvrtcCompiler _compiler = new(ptxCache);
    private readonly IReadOnlyList<string> _options = NvrtcOptions.Build(capability);
    private readonly Dictionary<(string Name, string Source), CudaModule> _modules = [];
    private readonly Dictionary<MethodInfo, (CudaModule Module, string EntryPoint)> _csharpModules = [];
    private readonly Lock _gate = new();
    private CSharpKernelCompiler? _csharpCompiler;

    /// <summary>Programs this cache compiled, and how many of those came from the disk cache.</summary>
    public int Compiled { get; private set; }

    public int DiskCacheHits { get; private set; }

    /// <summary>The function <paramref name="entryPoint"/> of the CUDA C program <paramref name="name"/> with text <paramref name="source"/>.</summary>
    public CudaFunction Function(string name, string source, string entryPoint)
    {
        lock (_gate)
        {
            if (!_modules.TryGetValue((name, source), out CudaModule? module))
            {
                var program = new CudaProgramSource(name, source, CudaKernelSources.Headers);
                byte[] ptx = _compiler.Compile(program, _options, out bool hit);
                Count(hit);
                module = new CudaModule(context, name, ptx);
                _modules.Add((name, source), module);
            }

            return module.Function(entryPoint);
        }
    }

    /// <summary>The function of the C# kernel <paramref name="kernel"/>, compiled to PTX by ILGPU.</summary>
    public CudaFunction Function(MethodInfo kernel)
    {
        lock (_gate)
        {
            if (!_csharpModules.TryGetValue(kernel, out (CudaModule Module, string EntryPoint) loaded))
            {
                _csharpCompiler ??= new CSharpKernelCompiler(ptxCache);
                CompiledPtx ptx = _csharpCompiler.Compile(kernel, capability, out bool hit);
                Count(hit);
                loaded = (new CudaModule(context, $"{kernel.DeclaringType?.Name}.{kernel.Name}", ptx.Image), ptx.EntryPoint);
                _csharpModules.Add(kernel, loaded);
            }

            return loaded.Module.Function(loaded.EntryPoint);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (CudaModule module in _modules.Values.Concat(_csharpModules.Values.Select(loaded => loaded.Module)))
                module.Dispose();
            _modules.Clear();
            _csharpModules.Clear();
            _csharpCompiler?.Dispose();
            _csharpCompiler = null;
        }
    }

    private void Count(bool diskCacheHit)
    {
        Compiled++;
        if (diskCacheHit)
            DiskCacheHits++;
    }
}
