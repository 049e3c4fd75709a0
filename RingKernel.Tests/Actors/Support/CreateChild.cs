using RingKernel.Actors;

namespace RingKernel.Tests.Actors.Support;

/// <summary>Asks a <see cref="Supervisor"/> to create a child; it replies with the child's handle.</summary>
public sealed record CreateChild(Props Props, string Name);
