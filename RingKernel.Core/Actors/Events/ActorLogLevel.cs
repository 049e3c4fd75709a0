namespace RingKernel.Actors.Events;

/// <summary>Severity of a <see cref="LogEvent"/>; <see cref="Off"/> only as a threshold, to publish or print nothing.</summary>
public enum ActorLogLevel
{
    Debug,
    Info,
    Warning,
    Error,
    Off,
}
