using System.Reflection;
using System.Runtime.InteropServices;
using RingKernel.Cuda.Interop;

namespace RingKernel.Tests.Cuda;

/// <summary>The P/Invoke surface: blittable signatures only, one library name per API, each entry point bound once.</summary>
public class CudaBindingTests
{
    public static TheoryData<string> BindingClasses => [nameof(CudaDriver), nameof(Nvrtc)];

    [Fact]
    public unsafe void Binding_structs_have_the_C_size()
    {
        Assert.Equal(16, sizeof(CudaUuid));
        Assert.Equal(16, Marshal.SizeOf<CudaUuid>());
        Assert.Equal(4, sizeof(CudaResult));
        Assert.Equal(4, sizeof(NvrtcResult));
        Assert.Equal(4, sizeof(CudaDeviceAttribute));
    }

    [Fact]
    public unsafe void A_uuid_prints_as_the_driver_writes_it()
    {
        var uuid = default(CudaUuid);
        for (int i = 0; i < CudaUuid.Size; i++)
            uuid.Bytes[i] = (byte)i;
        Assert.Equal(new Guid([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]).ToString(), uuid.ToString());
    }

    [Theory]
    [MemberData(nameof(BindingClasses))]
    public void Every_import_is_blittable_and_bound_once(string className)
    {
        Type type = typeof(CudaDriver).Assembly.GetType($"RingKernel.Cuda.Interop.{className}", throwOnError: true)!;
        string library = className == nameof(CudaDriver) ? CudaLibrary.DriverName : CudaLibrary.NvrtcName;
        MethodInfo[] imports = [.. type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.GetCustomAttribute<LibraryImportAttribute>() is not null)];
        Assert.NotEmpty(imports);
        var entryPoints = new HashSet<string>(StringComparer.Ordinal);
        foreach (MethodInfo method in imports)
        {
            LibraryImportAttribute import = method.GetCustomAttribute<LibraryImportAttribute>()!;
            Assert.Equal(library, import.LibraryName);
            Assert.NotNull(import.EntryPoint);
            Assert.True(entryPoints.Add(import.EntryPoint!), $"{import.EntryPoint} is bound twice.");
            Assert.StartsWith(className == nameof(CudaDriver) ? "cu" : "nvrtc", import.EntryPoint, StringComparison.Ordinal);
            Assert.True(method.ReturnType == (className == nameof(CudaDriver) ? typeof(CudaResult) : typeof(NvrtcResult)), $"{import.EntryPoint} returns {method.ReturnType.Name}.");
            foreach (ParameterInfo parameter in method.GetParameters())
                Assert.True(IsBlittable(parameter.ParameterType), $"{import.EntryPoint}({parameter.Name}) has a non-blittable type {parameter.ParameterType}.");
        }
    }

    [Fact]
    public void Versioned_entry_points_are_the_ones_cuda_h_maps_to()
    {
        string[] entryPoints = [.. typeof(CudaDriver).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => m.GetCustomAttribute<LibraryImportAttribute>()?.EntryPoint).OfType<string>()];
        // cuda.h #defines these names to their _v2 symbols; binding the unversioned symbol gets the CUDA 3.x ABI.
        foreach (string name in (string[])["cuMemAlloc", "cuMemFree", "cuMemHostGetDevicePointer", "cuDeviceTotalMem", "cuStreamDestroy", "cuEventDestroy", "cuDevicePrimaryCtxRelease", "cuMemsetD8", "cuMemcpyHtoD", "cuMemcpyDtoH", "cuMemHostRegister", "cuStreamWaitValue64", "cuStreamWriteValue64"])
        {
            Assert.DoesNotContain(name, entryPoints);
            Assert.Contains(name + "_v2", entryPoints);
        }
    }

    private static bool IsBlittable(Type type) =>
        type.IsPointer || type.IsFunctionPointer || type == typeof(nint) || type == typeof(nuint) ||
        (type.IsPrimitive && type != typeof(bool) && type != typeof(char)) ||
        (type.IsEnum && Enum.GetUnderlyingType(type) == typeof(int));
}
