using System.Text;
using RingKernel.Cuda.Devices;
using RingKernel.Cuda.Interop;

namespace RingKernel.Cuda.Modules;

/// <summary>A loaded PTX module (the driver JIT-compiles it for the device) and its functions by name.</summary>
internal sealed unsafe class CudaModule : IDisposable
{
    private readonly CudaContext _context;
    private readonly Dictionary<string, CudaFunction> _functions = new(StringComparer.Ordinal);
    private nint _handle;

    /// <summary>Loads <paramref name="ptx"/> (NUL-terminated PTX text) into <paramref name="context"/>; <paramref name="name"/> names it in errors.</summary>
    public CudaModule(CudaContext context, string name, byte[] ptx)
    {
        if (ptx.Length == 0 || ptx[^1] != 0)
            throw new ArgumentException("PTX handed to cuModuleLoadData must end with a NUL byte.", nameof(ptx));
        _context = context;
        Name = name;
        context.MakeCurrent();
        nint handle;
        fixed (byte* image = ptx)
            CudaCheck.Driver(CudaDriver.ModuleLoadData(&handle, image), $"cuModuleLoadData({name})");
        _handle = handle;
    }

    public string Name { get; }

    /// <summary>The kernel <paramref name="entryPoint"/> (an extern "C" __global__ function).</summary>
    public CudaFunction Function(string entryPoint)
    {
        lock (_functions)
        {
            ObjectDisposedException.ThrowIf(_handle == 0, this);
            if (_functions.TryGetValue(entryPoint, out CudaFunction? function))
                return function;
            _context.MakeCurrent();
            byte[] name = Encoding.UTF8.GetBytes(entryPoint + "\0");
            nint handle;
            fixed (byte* pointer = name)
                CudaCheck.Driver(CudaDriver.ModuleGetFunction(&handle, _handle, pointer), $"cuModuleGetFunction({Name}: {entryPoint})");
            function = new CudaFunction(handle, entryPoint);
            _functions.Add(entryPoint, function);
            return function;
        }
    }

    public void Dispose()
    {
        lock (_functions)
        {
            if (_handle == 0)
                return;
            _context.MakeCurrent();
            CudaResult result = CudaDriver.ModuleUnload(_handle);
            _handle = 0;
            CudaCheck.Driver(result, "cuModuleUnload");
        }
    }
}
