namespace RingKernel.Actors.Events;

/// <summary>
/// The logger a system starts with: writes <see cref="LogEvent"/>s at or above
/// <see cref="ActorSystemSettings.StandardOutLogLevel"/> to standard output, so failures are visible
/// before a host wires in its own logging.
/// </summary>
internal static class StandardOutLogger
{
    public static IDisposable? Attach(EventStream stream, ActorLogLevel threshold)
    {
        if (threshold == ActorLogLevel.Off)
            return null;
        return stream.Subscribe<LogEvent>(e =>
        {
            if (e.Level >= threshold)
                Console.Out.WriteLine(e.ToString());
        });
    }
}
