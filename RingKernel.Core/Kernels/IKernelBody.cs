namespace RingKernel.Kernels;

/// <summary>
/// A body a backend supplies for a kernel definition: what that backend runs when it launches the
/// kernel (a CPU delegate, a SPIR-V module, CUDA C or a C# method). Core holds bodies without
/// knowing their types; each backend defines its body types and attaches them with builder
/// extensions on <see cref="KernelDefinition{TArgs}"/>, and finds its own with
/// <see cref="KernelDefinition{TArgs}.TryGetBody{TBody}"/>.
/// </summary>
public interface IKernelBody
{
}
