using System.Reflection;
using System.Runtime.ExceptionServices;
using RingKernel.Actors.Supervision;

namespace RingKernel.Actors;

/// <summary>
/// An immutable recipe for an actor: how to build an instance (again, on every restart) and the
/// supervisor strategy it applies to its own children when one is set here.
/// </summary>
public sealed class Props
{
    private readonly Func<ActorBase> _factory;

    private Props(Type actorType, Func<ActorBase> factory, SupervisorStrategy? supervisorStrategy)
    {
        ActorType = actorType;
        _factory = factory;
        SupervisorStrategy = supervisorStrategy;
    }

    public Type ActorType { get; }

    /// <summary>Overrides the actor's own <c>SupervisorStrategy()</c> when not null.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    /// <summary>Instances built with the parameterless constructor.</summary>
    public static Props Create<TActor>()
        where TActor : ActorBase, new() => new(typeof(TActor), static () => new TActor(), null);

    /// <summary>Instances built by <paramref name="factory"/>, which must return a new instance on every call.</summary>
    public static Props Create<TActor>(Func<TActor> factory)
        where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new(typeof(TActor), factory, null);
    }

    /// <summary>Instances built by the constructor of <paramref name="actorType"/> that takes <paramref name="args"/>.</summary>
    public static Props Create(Type actorType, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(actorType);
        if (!typeof(ActorBase).IsAssignableFrom(actorType) || actorType.IsAbstract)
            throw new ArgumentException($"{actorType} is not a concrete actor type", nameof(actorType));
        return new(actorType, () => (ActorBase)Activator.CreateInstance(actorType, args)!, null);
    }

    public Props WithSupervisorStrategy(SupervisorStrategy supervisorStrategy)
    {
        ArgumentNullException.ThrowIfNull(supervisorStrategy);
        return new(ActorType, _factory, supervisorStrategy);
    }

    /// <summary>Builds an instance; a constructor's exception surfaces as itself, not wrapped by reflection.</summary>
    internal ActorBase NewActor()
    {
        try
        {
            return _factory();
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    public override string ToString() => $"Props({ActorType.Name})";
}
