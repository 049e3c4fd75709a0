using RingKernel.Kernels;
using RingKernel.Memory;
using RingKernel.Stencils;

namespace RingKernel.Vulkan.Stencils;

/// <summary>What the Vulkan stencil kernels check and launch alike: the two fields a step binds, and a grid of workgroups over every cell.</summary>
internal static class VulkanStencilLaunch
{
    /// <summary>
    /// Throws an <see cref="ArgumentException"/> unless <paramref name="read"/> and <paramref name="write"/>
    /// each hold a float per cell of <paramref name="size"/> and are two buffers (<paramref name="sameBuffer"/> says
    /// why, naming <paramref name="arguments"/>).
    /// </summary>
    public static void CheckFields(GridSize size, DeviceBuffer read, string readName, DeviceBuffer write, string writeName, string sameBuffer, string arguments)
    {
        long bytes = (long)size.CellCount * sizeof(float);
        CheckField(read, bytes, size, readName);
        CheckField(write, bytes, size, writeName);
        if (ReferenceEquals(read, write))
            throw new ArgumentException(sameBuffer, arguments);
    }

    /// <summary>Workgroups of <paramref name="workgroup"/> threads, one thread per cell of <paramref name="size"/>; edge workgroups idle past the edge.</summary>
    public static LaunchOptions Covering(GridSize size, Dim3 workgroup) => new(
        new Dim3(Blocks(size.Width, workgroup.X), Blocks(size.Height, workgroup.Y), Blocks(size.Depth, workgroup.Z)),
        workgroup);

    private static int Blocks(int cells, int perWorkgroup) => (cells + perWorkgroup - 1) / perWorkgroup;

    private static void CheckField(DeviceBuffer field, long bytes, GridSize size, string name)
    {
        ArgumentNullException.ThrowIfNull(field, name);
        if (field.Length < bytes)
            throw new ArgumentException($"{name} has {field.Length} bytes; a field over {size} needs {bytes}.", name);
    }
}
