using RingKernel.Kernels;
using RingKernel.Memory;

namespace RingKernel.Vulkan.Devices;

/// <summary>
/// A device that runs this project's shaders: Vulkan itself, or a backend that runs them translated
/// (Metal, from the same SPIR-V). The ring kernel shaders' driver (<see cref="RingKernels.ShaderRingDriver"/>)
/// and the tiled stencil's tile group (<see cref="Halo.ShaderTileGroup"/>) run on either through it.
/// </summary>
public interface IShaderDevice
{
    /// <summary>The API, as a fault or a description names it: "Vulkan", "Metal".</summary>
    string ApiName { get; }

    /// <summary>The device's name.</summary>
    string DeviceName { get; }

    /// <summary>Where the device's kernels reach their memory, by device address.</summary>
    IMemorySpace MemorySpace { get; }

    /// <summary>True when buffers have device addresses, through which the ring and halo shaders reach their rings and inboxes.</summary>
    bool SupportsBufferDeviceAddress { get; }

    /// <summary>The device address of <paramref name="buffer"/>; an <see cref="ArgumentException"/> naming <paramref name="what"/> when it is not this device's.</summary>
    ulong DeviceAddressOf(DeviceBuffer buffer, string what);

    /// <summary><paramref name="kernel"/>, whose Vulkan body this device runs, with the body this device needs attached.</summary>
    KernelDefinition<TArgs> Adopt<TArgs>(KernelDefinition<TArgs> kernel);

    /// <summary>Runs <paramref name="kernel"/> (adopted) and returns when the device has finished it.</summary>
    void Dispatch<TArgs>(KernelDefinition<TArgs> kernel, TArgs args);
}
