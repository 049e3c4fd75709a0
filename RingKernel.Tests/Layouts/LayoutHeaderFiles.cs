using RingKernel.Cuda.Layouts;
using RingKernel.Layouts;
using RingKernel.Metal.Layouts;
using RingKernel.Vulkan.Layouts;

namespace RingKernel.Tests.Layouts;

/// <summary>
/// The device languages the backends generate layout headers in, by name: each backend's writer, and
/// where its header is committed, found from the test binary's location.
/// </summary>
internal static class LayoutHeaderFiles
{
    public const string CudaC = "CUDA C++";
    public const string Glsl = "GLSL";
    public const string Msl = "MSL";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static TheoryData<string> Languages => [CudaC, Glsl, Msl];

    public static DeviceLayoutWriter Writer(string language) => language switch
    {
        CudaC => new CudaLayoutWriter(),
        Glsl => new GlslLayoutWriter(),
        Msl => new MetalLayoutWriter(),
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, null),
    };

    public static string RelativePath(string language) => language switch
    {
        CudaC => "RingKernel.Cuda/Kernels/ringkernel_layouts.cuh",
        Glsl => "RingKernel.Vulkan/Shaders/ringkernel_layouts.glsl",
        Msl => "RingKernel.Metal/Shaders/ringkernel_layouts.metal",
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, null),
    };

    public static string FullPath(string language) =>
        Path.Combine(RepositoryRoot, RelativePath(language).Replace('/', Path.DirectorySeparatorChar));

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RingKernel.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No RingKernel.sln above {AppContext.BaseDirectory}.");
    }
}
