using System.Runtime.InteropServices;

namespace RingKernel.Cuda.Interop;

/// <summary>The NVRTC calls this backend makes: compile CUDA C to PTX at run time (nvrtc.h).</summary>
internal static unsafe partial class Nvrtc
{
    private const string Lib = CudaLibrary.NvrtcName;

    [LibraryImport(Lib, EntryPoint = "nvrtcVersion")]
    public static partial NvrtcResult Version(int* major, int* minor);

    [LibraryImport(Lib, EntryPoint = "nvrtcCreateProgram")]
    public static partial NvrtcResult CreateProgram(nint* program, byte* source, byte* name, int headerCount, byte** headers, byte** headerNames);

    [LibraryImport(Lib, EntryPoint = "nvrtcDestroyProgram")]
    public static partial NvrtcResult DestroyProgram(nint* program);

    [LibraryImport(Lib, EntryPoint = "nvrtcCompileProgram")]
    public static partial NvrtcResult CompileProgram(nint program, int optionCount, byte** options);

    [LibraryImport(Lib, EntryPoint = "nvrtcGetPTXSize")]
    public static partial NvrtcResult GetPtxSize(nint program, nuint* size);

    [LibraryImport(Lib, EntryPoint = "nvrtcGetPTX")]
    public static partial NvrtcResult GetPtx(nint program, byte* ptx);

    [LibraryImport(Lib, EntryPoint = "nvrtcGetProgramLogSize")]
    public static partial NvrtcResult GetProgramLogSize(nint program, nuint* size);

    [LibraryImport(Lib, EntryPoint = "nvrtcGetProgramLog")]
    public static partial NvrtcResult GetProgramLog(nint program, byte* log);
}
