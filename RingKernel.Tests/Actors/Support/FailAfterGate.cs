namespace RingKernel.Tests.Actors.Support;

/// <summary>
/// Makes a support actor block until <see cref="Gate"/> is set and then throw <see cref="Cause"/>, so a test
/// can queue more messages behind the failing one before the failure happens.
/// </summary>
public sealed record FailAfterGate(ManualResetEventSlim Gate, Exception Cause);
