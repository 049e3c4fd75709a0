using RingKernel.Backends;
using RingKernel.Cuda;
using RingKernel.Kernels;
using RingKernel.Metal;
using RingKernel.Vulkan;

namespace RingKernel.Samples.Hosting;

/// <summary>The GPU backends that run a stencil sample's Vulkan kernels, Metal through their MSL: opened by their --backend name, described by their device.</summary>
public static class GpuSampleBackend
{
    /// <summary>Opens the backend named <paramref name="backend"/>: vulkan or metal.</summary>
    public static IComputeBackend Open(string backend) => backend switch
    {
        "vulkan" => new VulkanBackend(),
        "metal" => new MetalBackend(),
        _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "A sample's GPU backend is vulkan or metal."),
    };

    /// <summary>The name of the device <paramref name="backend"/> runs on; the backend's own name for one without a device (the CPU).</summary>
    public static string DeviceName(IComputeBackend backend) => backend switch
    {
        VulkanBackend vulkan => vulkan.Device.Name,
        MetalBackend metal => metal.DeviceName,
        CudaBackend cuda => cuda.Device?.Name ?? backend.Name,
        _ => backend.Name,
    };

    /// <summary>
    /// Runs <paramref name="kernel"/> on <paramref name="backend"/> and returns when the device has finished:
    /// a step of a run, waited on the calling thread rather than a pool thread as <see cref="IComputeBackend.DispatchAsync{TArgs}"/> would.
    /// </summary>
    public static void Dispatch<TArgs>(IComputeBackend backend, KernelDefinition<TArgs> kernel, TArgs args)
    {
        switch (backend)
        {
            case VulkanBackend vulkan:
                vulkan.Dispatch(kernel, args);
                break;
            case MetalBackend metal:
                metal.Dispatch(kernel, args);
                break;
            default:
                throw new ArgumentException($"A sample's GPU backend is vulkan or metal, not {backend.Name}.", nameof(backend));
        }
    }
}
