using System.Runtime.CompilerServices;

namespace RingKernel.Actors.Behaviors;

/// <summary>A <c>Receive&lt;T&gt;</c> handler with an optional predicate.</summary>
internal sealed class TypedMessageHandler<T>(Action<T> handler, Predicate<T>? shouldHandle) : MessageHandler
{
    public override bool Accepts(Type messageType) => typeof(T).IsAssignableFrom(messageType);

    public override bool TryHandle(object message)
    {
        // The table only offers messages whose type this handler accepts, so a reference type needs no checked cast.
        T typed = typeof(T).IsValueType ? (T)message : Unsafe.As<object, T>(ref message);
        if (shouldHandle is not null && !shouldHandle(typed))
            return false;
        handler(typed);
        return true;
    }
}
