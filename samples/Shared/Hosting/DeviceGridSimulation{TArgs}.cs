using RingKernel.Kernels;
using RingKernel.Memory;

namespace RingKernel.Samples.Hosting;

/// <summary>
/// A stencil run whose whole grid steps on a GPU backend (Vulkan, Metal): the field's two time levels in
/// device memory, one dispatch of the sample's kernel per step writing the next level over the older one.
/// </summary>
public sealed class DeviceGridSimulation<TArgs> : IStencilSimulation, IDisposable
{
    private readonly KernelDefinition<TArgs> _kernel;
    private readonly Func<DeviceBuffer, DeviceBuffer, TArgs> _arguments;
    private readonly DeviceLevels _levels;

    /// <param name="backend">vulkan or metal.</param>
    /// <param name="older">The older level; may be the same array as <paramref name="newer"/> (a field at rest).</param>
    /// <param name="newer">The newer level.</param>
    /// <param name="kernel">One step, with the body <paramref name="backend"/> runs.</param>
    /// <param name="arguments">The kernel's arguments for a step from the older level (overwritten) and the newer one.</param>
    public DeviceGridSimulation(string backend, float[] older, float[] newer, KernelDefinition<TArgs> kernel, Func<DeviceBuffer, DeviceBuffer, TArgs> arguments)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(arguments);
        _kernel = kernel;
        _arguments = arguments;
        _levels = new DeviceLevels(backend, older, newer);
    }

    public required string Description { get; init; }

    /// <summary>How the kernel covers the grid, in one line; <see cref="EngineDescription"/> adds the device.</summary>
    public required string Layout { get; init; }

    public required long CellsPerStep { get; init; }

    /// <summary>The picture of a level of the field.</summary>
    public required Func<float[], FieldPicture> PictureOf { get; init; }

    public string EngineDescription => $"{Layout}, on {GpuSampleBackend.DeviceName(_levels.Backend)}";

    public void RunSteps(int steps)
    {
        for (int step = 0; step < steps; step++)
        {
            GpuSampleBackend.Dispatch(_levels.Backend, _kernel, _arguments(_levels.Older, _levels.Newer));
            _levels.Rotate();
        }
    }

    public FieldPicture Picture() => PictureOf(_levels.ReadNewer());

    public void Dispose() => _levels.Dispose();
}
