using RingKernel.Layouts;

namespace RingKernel.Tests.Layouts;

/// <summary>Where each generated layout header is committed, found from the test binary's location.</summary>
internal static class LayoutHeaderFiles
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string RelativePath(DeviceLanguage language) => language switch
    {
        DeviceLanguage.CudaC => "RingKernel.Cuda/Kernels/ringkernel_layouts.cuh",
        DeviceLanguage.Glsl => "RingKernel.Vulkan/Shaders/ringkernel_layouts.glsl",
        DeviceLanguage.Metal => "RingKernel.Metal/Shaders/ringkernel_layouts.metal",
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, null),
    };

    public static string FullPath(DeviceLanguage language) =>
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
