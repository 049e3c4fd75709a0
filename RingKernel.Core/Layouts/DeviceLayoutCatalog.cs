namespace RingKernel.Layouts;

/// <summary>
/// The one list of structures and enums that host and device share. Everything here is emitted
/// into every device language by <see cref="DeviceLayoutGenerator"/>; a layout the device reads
/// must be added here and nowhere else.
/// </summary>
public static class DeviceLayoutCatalog
{
    /// <summary>Shared structs, in the order they are emitted.</summary>
    public static IReadOnlyList<Type> Structs { get; } =
    [
        typeof(MessageHeader),
        typeof(RingHeader),
        typeof(ControlBlock),
        typeof(RouteEntry),
        typeof(HaloMessageHeader),
        typeof(HaloChunk),
    ];

    /// <summary>Enums stored in shared fields, in the order they are emitted.</summary>
    public static IReadOnlyList<Type> Enums { get; } =
    [
        typeof(MessageFlags),
        typeof(RingKind),
        typeof(KernelCommand),
        typeof(KernelStatus),
    ];
}
