namespace RingKernel.Kernels;

/// <summary>
/// A body a backend supplies for a kernel definition. Each backend defines its body types and
/// attaches them with builder extensions (<see cref="KernelDefinition{TArgs}.WithBody"/>); a backend
/// finds its own with <see cref="KernelDefinition{TArgs}.TryGetBody{TBody}"/>, so Core names none.
/// </summary>
public interface IKernelBody
{
}
