namespace RingKernel.Actors.SystemMessages;

/// <summary>Stop processing user messages (counted: each Suspend is balanced by one Resume or Recreate).</summary>
internal sealed class Suspend : SystemMessage;
