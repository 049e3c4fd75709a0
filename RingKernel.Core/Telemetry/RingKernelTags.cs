namespace RingKernel.Telemetry;

/// <summary>The attribute keys RingKernel's instruments and activities carry.</summary>
public static class RingKernelTags
{
    /// <summary>The kernel's name, as its <see cref="Kernels.KernelDefinition{TArgs}"/> gives it.</summary>
    public const string KernelName = "ringkernel.kernel.name";

    /// <summary>The path of the kernel actor (without the address), which tells apart actors of one kernel.</summary>
    public const string ActorPath = "ringkernel.actor.path";

    /// <summary>A kernel ring's role: <c>input</c> or <c>output</c>.</summary>
    public const string RingRole = "ringkernel.ring.role";

    /// <summary>The name a ring was observed under with <see cref="RingKernelTelemetry.ObserveRing(Rings.SlotRing, string)"/>.</summary>
    public const string RingName = "ringkernel.ring.name";

    /// <summary>The name of a K2K fabric (its <c>Name</c>).</summary>
    public const string K2KFabric = "ringkernel.k2k.fabric";

    /// <summary>The backend a kernel was dispatched on: <c>cpu</c>, <c>vulkan</c>, <c>cuda</c>, <c>metal</c>.</summary>
    public const string Backend = "ringkernel.backend";

    /// <summary>How an Ask reached the kernel: <c>direct</c> (a <see cref="Kernels.Actors.KernelRef{TRequest, TReply}"/>) or <c>mailbox</c> (the actor's).</summary>
    public const string AskPath = "ringkernel.ask.path";

    /// <summary>OpenTelemetry's attribute for the class of error an operation ended with: here the exception's type.</summary>
    public const string ErrorType = "error.type";

    public const string RoleInput = "input";
    public const string RoleOutput = "output";
    public const string PathDirect = "direct";
    public const string PathMailbox = "mailbox";
}
