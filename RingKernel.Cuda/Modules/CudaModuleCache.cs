using RingKernel.Cuda.Compilation;
using RingKernel.Cuda.Devices;

namespace RingKernel.Cuda.Modules;

/// <summary>
/// Compiles each distinct program once per backend (NVRTC, through the disk <see cref="PtxCache"/>)
/// and keeps its module loaded; kernels look their functions up here.
/// </summary>
internal sealed class CudaModuleCache(CudaContext context, ComputeCapability capability, PtxCache ptxCache) : IDisposable
{
    private readonly NvrtcCompiler _compiler = new(ptxCache);
    private readonly IReadOnlyList<string> _options = NvrtcOptions.Build(capability);
    private readonly Dictionary<(string Name, string Source), CudaModule> _modules = [];
    private readonly Lock _gate = new();

    /// <summary>Programs this cache compiled, and how many of those came from the disk cache.</summary>
    public int Compiled { get; private set; }

    public int DiskCacheHits { get; private set; }

    /// <summary>The function <paramref name="entryPoint"/> of the program <paramref name="name"/> with text <paramref name="source"/>.</summary>
    public CudaFunction Function(string name, string source, string entryPoint)
    {
        lock (_gate)
        {
            if (!_modules.TryGetValue((name, source), out CudaModule? module))
            {
                var program = new CudaProgramSource(name, source, CudaKernelSources.Headers);
                byte[] ptx = _compiler.Compile(program, _options, out bool hit);
                Compiled++;
                if (hit)
                    DiskCacheHits++;
                module = new CudaModule(context, name, ptx);
                _modules.Add((name, source), module);
            }

            return module.Function(entryPoint);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (CudaModule module in _modules.Values)
                module.Dispose();
            _modules.Clear();
        }
    }
}
