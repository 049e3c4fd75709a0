namespace RingKernel.Actors.Supervision;

/// <summary>When a <see cref="BackoffSupervisor"/> recreates its child.</summary>
public enum BackoffMode
{
    /// <summary>
    /// When the child fails with an exception the decider maps to Restart: the child is stopped at once
    /// and recreated after the backoff delay. If the child stops by itself, the supervisor stops too.
    /// </summary>
    OnFailure,

    /// <summary>When the child stops, for whatever reason: it is recreated after the backoff delay.</summary>
    OnStop,
}
