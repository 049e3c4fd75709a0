namespace RingKernel.Actors;

/// <summary>Replies that carry an outcome; an <c>Ask</c> answered with <see cref="Failure"/> fails with its cause.</summary>
public static class Status
{
    /// <summary>A successful outcome with an optional value.</summary>
    public sealed record Success(object? Value);

    /// <summary>A failed outcome: <c>Ask</c> rethrows <see cref="Cause"/>.</summary>
    public sealed record Failure(Exception Cause);
}
