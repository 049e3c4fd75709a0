using RingKernel.Actors.Events;

namespace RingKernel.Actors;

/// <summary>Conveniences on <see cref="IActorContext"/>.</summary>
public static class ActorContextExtensions
{
    /// <summary>A logger whose events name this actor's path and type as their source; keep it in a field.</summary>
    public static LoggingAdapter GetLogger(this IActorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new LoggingAdapter(context.System, context.Self.Path.ToString(), context.Props.ActorType);
    }
}
