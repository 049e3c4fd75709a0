using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;

namespace RingKernel.Vulkan.RingKernels;

/// <summary>
/// A ring kernel body that the host driver thread of a <see cref="DeviceRingKernel"/> runs itself
/// instead of one shader dispatch: for a kernel whose work is several dispatches that must follow one
/// another (the tiled stencil's epochs, whose workgroups cannot wait for each other inside a dispatch).
/// The driver keeps the lifecycle, commands and faults of every ring kernel on the device.
/// </summary>
/// <param name="CreateDispatcher">Makes the kernel's dispatcher over its memory and arguments; called on the driver thread.</param>
internal sealed record DriverBody<TArgs>(Func<RingKernelMemory, TArgs, IRingKernelDispatcher> CreateDispatcher) : IKernelBody;
