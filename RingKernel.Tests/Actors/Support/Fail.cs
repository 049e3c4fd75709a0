namespace RingKernel.Tests.Actors.Support;

/// <summary>Makes a support actor throw <see cref="Cause"/>.</summary>
public sealed record Fail(Exception Cause);
