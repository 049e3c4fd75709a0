using System.Runtime.InteropServices;
using System.Text;
using RingKernel.Cuda.Interop;

namespace RingKernel.Cuda.Compilation;

/// <summary>Compiles CUDA C to PTX with NVRTC, through a <see cref="PtxCache"/>.</summary>
internal sealed class NvrtcCompiler(PtxCache cache)
{
    /// <summary>NVRTC's version, e.g. "12.4"; part of every cache key.</summary>
    public static unsafe string Version()
    {
        int major, minor;
        CudaCheck.Nvrtc(Nvrtc.Version(&major, &minor), "nvrtcVersion");
        return $"{major}.{minor}";
    }

    /// <summary>The PTX of <paramref name="program"/> (NUL-terminated, as cuModuleLoadData wants it), from the cache when there.</summary>
    public byte[] Compile(CudaProgramSource program, IReadOnlyList<string> options, out bool cacheHit)
    {
        string key = PtxCache.Key(program, options, Version());
        return cache.GetOrCompile(Path.GetFileNameWithoutExtension(program.Name), key, () => CompileNow(program, options), out cacheHit);
    }

    private static unsafe byte[] CompileNow(CudaProgramSource program, IReadOnlyList<string> options)
    {
        var strings = new List<nint>();
        nint handle = 0;
        try
        {
            byte* source = Utf8(program.Source, strings);
            byte* name = Utf8(program.Name, strings);
            int headerCount = program.Headers.Count;
            byte** headers = stackalloc byte*[Math.Max(headerCount, 1)];
            byte** headerNames = stackalloc byte*[Math.Max(headerCount, 1)];
            for (int i = 0; i < headerCount; i++)
            {
                headerNames[i] = Utf8(program.Headers[i].Key, strings);
                headers[i] = Utf8(program.Headers[i].Value, strings);
            }

            CudaCheck.Nvrtc(Nvrtc.CreateProgram(&handle, source, name, headerCount, headers, headerNames), "nvrtcCreateProgram", program.Name);
            byte** optionPointers = stackalloc byte*[Math.Max(options.Count, 1)];
            for (int i = 0; i < options.Count; i++)
                optionPointers[i] = Utf8(options[i], strings);
            NvrtcResult compiled = Nvrtc.CompileProgram(handle, options.Count, optionPointers);
            if (compiled != NvrtcResult.Success)
                CudaCheck.Nvrtc(compiled, "nvrtcCompileProgram", program.Name, Log(handle));

            nuint size;
            CudaCheck.Nvrtc(Nvrtc.GetPtxSize(handle, &size), "nvrtcGetPTXSize", program.Name);
            byte[] ptx = new byte[checked((int)size)];
            fixed (byte* destination = ptx)
                CudaCheck.Nvrtc(Nvrtc.GetPtx(handle, destination), "nvrtcGetPTX", program.Name);
            return ptx;
        }
        finally
        {
            if (handle != 0)
                Nvrtc.DestroyProgram(&handle);
            foreach (nint pointer in strings)
                Marshal.FreeHGlobal(pointer);
        }
    }

    private static unsafe string Log(nint handle)
    {
        nuint size;
        if (Nvrtc.GetProgramLogSize(handle, &size) != NvrtcResult.Success || size <= 1)
            return "";
        byte[] log = new byte[checked((int)size)];
        fixed (byte* destination = log)
        {
            if (Nvrtc.GetProgramLog(handle, destination) != NvrtcResult.Success)
                return "";
        }

        return Encoding.UTF8.GetString(log, 0, log.Length - 1);
    }

    private static unsafe byte* Utf8(string text, List<nint> owned)
    {
        int length = Encoding.UTF8.GetByteCount(text);
        nint memory = Marshal.AllocHGlobal(length + 1);
        owned.Add(memory);
        var bytes = new Span<byte>((void*)memory, length + 1);
        Encoding.UTF8.GetBytes(text, bytes);
        bytes[length] = 0;
        return (byte*)memory;
    }
}
