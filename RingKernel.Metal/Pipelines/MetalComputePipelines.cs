using RingKernel.Kernels;
using RingKernel.Metal.Devices;
using RingKernel.Metal.Interop;
using RingKernel.Metal.Shaders;

namespace RingKernel.Metal.Pipelines;

/// <summary>
/// The backend's compiled shaders: one MTLLibrary per shader, compiled from its MSL on first use, and
/// one pipeline per shader and threadgroup shape. Thread-safe; everything lives until the backend is disposed.
/// </summary>
internal sealed class MetalComputePipelines(MetalDevice device) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ObjCObject> _libraries = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Shader, Dim3 Workgroup), MetalComputePipeline> _pipelines = [];

    /// <summary>The pipeline of <paramref name="shader"/> for threadgroups of <paramref name="workgroup"/>.</summary>
    /// <exception cref="MetalException">The MSL did not compile, or the pipeline could not be made.</exception>
    /// <exception cref="ArgumentException">The device cannot run threadgroups that large with this shader.</exception>
    public MetalComputePipeline For(MetalShader shader, Dim3 workgroup)
    {
        lock (_gate)
        {
            if (_pipelines.TryGetValue((shader.Name, workgroup), out MetalComputePipeline? cached))
                return cached;
            if (!_libraries.TryGetValue(shader.Name, out ObjCObject? library))
            {
                library = device.NewLibrary(shader.Source, shader.ToString());
                _libraries.Add(shader.Name, library);
            }

            ObjCObject state = device.NewComputePipeline(library, shader.EntryPoint, ((uint)workgroup.X, (uint)workgroup.Y, (uint)workgroup.Z), shader.ToString());
            long maxThreads = (long)ObjCMessages.NUInt(state.Id, Selectors.MaxTotalThreadsPerThreadgroup);
            var pipeline = new MetalComputePipeline(state, new MTLSize((nuint)workgroup.X, (nuint)workgroup.Y, (nuint)workgroup.Z), maxThreads);
            if (workgroup.Count > maxThreads)
            {
                pipeline.Dispose();
                throw new ArgumentException($"{shader} runs at most {maxThreads} threads per threadgroup on {device.Name}; the kernel asks for {workgroup} ({workgroup.Count}).");
            }

            _pipelines.Add((shader.Name, workgroup), pipeline);
            return pipeline;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (MetalComputePipeline pipeline in _pipelines.Values)
                pipeline.Dispose();
            foreach (ObjCObject library in _libraries.Values)
                library.Dispose();
            _pipelines.Clear();
            _libraries.Clear();
        }
    }
}
