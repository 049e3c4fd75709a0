namespace RingKernel.Actors.SystemMessages;

/// <summary>Stop the actor: children first, then <c>PostStop</c>, then the watchers are told.</summary>
internal sealed class Terminate : SystemMessage;
