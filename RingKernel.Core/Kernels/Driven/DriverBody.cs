namespace RingKernel.Kernels.Driven;

/// <summary>
/// A ring kernel body that a host driver thread runs itself instead of one device program: for a
/// kernel whose work per message is several launches that must follow one another (the tiled
/// stencil's epochs, whose workgroups cannot wait for each other inside one launch). A backend that
/// accepts it runs it as a <see cref="DrivenRingKernel"/>, with the lifecycle, commands and faults of
/// every ring kernel.
/// </summary>
/// <param name="CreateDriver">Makes the kernel's driver over its memory and arguments; called on the driver thread.</param>
public sealed record DriverBody<TArgs>(Func<Persistent.RingKernelMemory, TArgs, IKernelDriver> CreateDriver) : IKernelBody;
