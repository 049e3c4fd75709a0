namespace RingKernel.Layouts;

/// <summary>A named integer constant emitted into every device language.</summary>
/// <param name="Name">Upper-snake-case name, prefixed <c>RINGKERNEL_</c>.</param>
/// <param name="Type"><see cref="DeviceScalarType.U32"/> or <see cref="DeviceScalarType.I32"/>.</param>
/// <param name="Value">The value; fits <paramref name="Type"/>.</param>
public sealed record DeviceConstant(string Name, DeviceScalarType Type, long Value);
